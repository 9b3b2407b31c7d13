/*
 * folio: a content-sync and publishing pipeline with Git storage.
 * Include this header for the whole public API.
 */
#ifndef FOLIO_H
#define FOLIO_H

#include "common.h"
#include "buf.h"
#include "diag.h"
#include "i18n.h"
#include "path.h"
#include "limits.h"
#include "source.h"
#include "yaml.h"
#include "toml.h"
#include "frontmatter.h"
#include "params.h"
#include "config.h"
#include "markdown.h"
#include "template.h"
#include "isbn.h"
#include "schema.h"
#include "schedule.h"
#include "site.h"
#include "render.h"
#include "validate.h"
#include "scaffold.h"
#include "infer.h"
#include "migrate.h"
#include "build.h"
#include "state.h"
#include "publish.h"
#include "deliver.h"
#include "history.h"
#include "linkcheck.h"
#include "verdict.h"
#include "report.h"
#include "daemon.h"
#include "serve.h"

#endif
