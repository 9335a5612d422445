/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <stdio.h>

#include "remora-capture-reader.h"

G_BEGIN_DECLS

typedef enum {
  REMORA_CLI_TIME_RELATIVE,        /* r */
  REMORA_CLI_TIME_ABSOLUTE,        /* a */
  REMORA_CLI_TIME_ABSOLUTE_YMD,    /* ad */
  REMORA_CLI_TIME_ABSOLUTE_YDOY,   /* adoy */
  REMORA_CLI_TIME_DELTA,           /* d */
  REMORA_CLI_TIME_DELTA_DISPLAYED, /* dd */
  REMORA_CLI_TIME_EPOCH,           /* e */
  REMORA_CLI_TIME_UTC,             /* u */
  REMORA_CLI_TIME_UTC_YMD,         /* ud */
  REMORA_CLI_TIME_UTC_YDOY,        /* udoy */
} RemoraCliTimeFormat;

typedef enum {
  REMORA_CLI_OUTPUT_TEXT,
  REMORA_CLI_OUTPUT_FIELDS,
  REMORA_CLI_OUTPUT_JSON,
} RemoraCliOutput;

typedef enum {
  REMORA_CLI_GLOSSARY_NONE,
  REMORA_CLI_GLOSSARY_FIELDS,
  REMORA_CLI_GLOSSARY_PROTOCOLS,
} RemoraCliGlossary;

typedef struct {
  char               *read_file;      /* -r */
  char               *write_file;     /* -w */
  RemoraFileFormat    write_format;   /* -F */
  guint64             max_packets;    /* -c, 0 = all */
  gboolean            quiet;          /* -q */
  gboolean            verbose;        /* -V */
  gboolean            hex;            /* -x */
  gboolean            output_set;     /* -T was given */
  RemoraCliOutput     output;         /* -T */
  RemoraCliTimeFormat time_format;    /* -t */
  char               *display_filter; /* -Y */
  char               *explain_filter; /* --explain-filter */
  gboolean            follow;         /* -z follow,tcp,MODE,N */
  gboolean            follow_hex;     /*   MODE: ascii (FALSE) or hex */
  guint32             follow_stream;  /*   N */
  GPtrArray          *fields;         /* -e, char * */
  GPtrArray          *prefs;          /* -o, char * "name:value" */
  RemoraCliGlossary   glossary;       /* -G */

  /* -E */
  gboolean            header;
  char                separator;
  char                aggregator;
  char                occurrence;     /* 'f', 'l' or 'a' */
  char                quote;          /* 0, '"' or '\'' */

  gboolean            show_version;
  gboolean            show_help;

  /* Live capture through remora-capture: -i, -f, -p, -s, -B, -a, -b are
   * kept as the helper's arguments in command-line order, since -f, -p,
   * -s and -B apply to the -i before them (or all when before any). */
  gboolean            list_interfaces; /* -D */
  GPtrArray          *capture_args;    /* char * */
  guint               n_interfaces;    /* -i given */
  gboolean            ring_buffer;     /* -b given */
} RemoraCliOptions;

/* Exit statuses, as tshark uses them. */
enum {
  REMORA_CLI_EXIT_OK = 0,
  REMORA_CLI_EXIT_INVALID_OPTION = 1,
  REMORA_CLI_EXIT_INVALID_FILE = 2,
  REMORA_CLI_EXIT_INVALID_FILTER = 2,
};

/* Parses ARGV into OPTIONS.  On a bad option prints tshark's message on
 * stderr and returns the exit status (> 0); returns 0 on success. */
int  remora_cli_options_parse   (RemoraCliOptions *options,
                                 int               argc,
                                 char            **argv);
void remora_cli_options_clear   (RemoraCliOptions *options);
void remora_cli_print_usage     (FILE             *stream);
void remora_cli_print_version   (FILE             *stream);

G_END_DECLS
