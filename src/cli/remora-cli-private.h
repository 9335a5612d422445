/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdio.h>

#include "remora-cli-options.h"
#include "remora-dissect.h"
#include "remora-format.h"

G_BEGIN_DECLS

/* The pseudo-fields tshark resolves from its columns (-e _ws.col.Info). */
typedef enum {
  REMORA_CLI_COL_NUMBER,
  REMORA_CLI_COL_TIME,
  REMORA_CLI_COL_SOURCE,
  REMORA_CLI_COL_DESTINATION,
  REMORA_CLI_COL_PROTOCOL,
  REMORA_CLI_COL_LENGTH,
  REMORA_CLI_COL_INFO,
  REMORA_CLI_N_COLS
} RemoraCliColumn;

typedef struct _RemoraCliFilter RemoraCliFilter;
typedef struct _RemoraCliFields RemoraCliFields;

typedef struct {
  RemoraCliOptions *options;
  GString          *out;          /* everything for stdout goes through here */
  gboolean          flush_each;   /* write after every packet (pipes) */
  guint             n_fields;     /* remora_field_count () */
  guint8           *wanted;       /* n_fields entries */
  RemoraCliFields  *fields;       /* -T fields state, or NULL */
  RemoraCliFilter  *filter;       /* -Y, or NULL */
  guint64           n_printed;    /* packets printed, for JSON separators */
  int               time_digits;  /* decimals of the current frame's time stamps */
  GString          *scratch;
} RemoraCli;

/* Writes what is buffered in cli->out to stdout. */
void        remora_cli_flush          (RemoraCli          *cli);

/* remora-cli-columns.c */
gboolean    remora_cli_column_lookup  (const char         *name,
                                       RemoraCliColumn    *out);
void        remora_cli_column_append  (RemoraCli          *cli,
                                       const RemoraPacket *pkt,
                                       RemoraCliColumn     column,
                                       GString            *out);
gboolean    remora_cli_column_needs_dissection (RemoraCliColumn column);

/* remora-cli-print-text.c */
void        remora_cli_print_summary  (RemoraCli          *cli,
                                       const RemoraPacket *pkt);
void        remora_cli_print_tree     (RemoraCli          *cli,
                                       const RemoraPacket *pkt);

/* remora-cli-hexdump.c */
void        remora_cli_print_hex      (RemoraCli          *cli,
                                       const RemoraPacket *pkt);
void        remora_cli_hexdump        (GString            *out,
                                       const guint8       *data,
                                       guint32             length);

/* remora-cli-print-fields.c */
RemoraCliFields *remora_cli_fields_new   (RemoraCli          *cli,
                                          GError            **error);
void        remora_cli_fields_free       (RemoraCliFields    *fields);
gboolean    remora_cli_fields_need_columns (RemoraCliFields  *fields);
void        remora_cli_fields_print_header (RemoraCli        *cli);
void        remora_cli_fields_print      (RemoraCli          *cli,
                                          const RemoraPacket *pkt);

/* remora-cli-print-json.c */
void        remora_cli_json_begin        (RemoraCli          *cli);
void        remora_cli_json_print        (RemoraCli          *cli,
                                          const RemoraPacket *pkt);
void        remora_cli_json_end          (RemoraCli          *cli);

/* remora-cli-glossary.c */
int         remora_cli_glossary          (RemoraCliGlossary   which);

/* remora-cli-filter.c: where the display filter compiler plugs in. */
RemoraCliFilter *remora_cli_filter_new   (const char         *text,
                                          GError            **error);
void        remora_cli_filter_free       (RemoraCliFilter    *filter);
/* --explain-filter: prints the compiled tree, or the error as -Y would. */
int         remora_cli_filter_explain    (const char         *text);
/* Marks in WANTED every field the filter reads. */
void        remora_cli_filter_add_wanted (RemoraCliFilter    *filter,
                                          guint8             *wanted);
gboolean    remora_cli_filter_match      (RemoraCliFilter    *filter,
                                          const RemoraPacket *pkt);

/* remora-cli-run.c */
int         remora_cli_run               (RemoraCliOptions   *options);

G_END_DECLS
