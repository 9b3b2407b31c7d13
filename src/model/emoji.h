/*
 * Hugo's emoji codes (enableEmoji, folio.yaml's emoji: true): ":smile:" in
 * a page's text is its emoji. The codes are data, kyokomi/emoji's table
 * (MIT), which Hugo reads (emoji_table.inc, scripts/gen-emoji-table.py).
 */
#ifndef FOLIO_MODEL_EMOJI_H
#define FOLIO_MODEL_EMOJI_H

#include <stddef.h>

/* text (len bytes) with each code replaced as Hugo 0.111 replaces it:
 * from left to right, a ':' then letters, digits, '_', '+' or '-' then a
 * ':' is a code, replaced when the table knows it; the text goes on after
 * it either way (":nope:smile:" keeps ":nope:" and "smile:"). NULL when
 * the text holds no code the table knows; else the caller frees the
 * result, whose length is *out_len. In one pass: the text is a pusher's. */
char *folio_emoji_replace(const char *text, size_t len, size_t *out_len);

#endif
