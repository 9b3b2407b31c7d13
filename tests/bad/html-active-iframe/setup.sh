#!/bin/bash
# raw HTML is allowed, with one trusted embed host
sed -i 's/^allow_html: false$/allow_html: true\nembeds: [player.vimeo.com]/' folio.yaml
