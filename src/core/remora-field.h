/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Field types, named and behaving as Wireshark's FT_* (so `-G fields` reads
 * the same and the filter language types literals the same way). */
typedef enum {
  REMORA_FT_NONE,             /* a label or a container, no value */
  REMORA_FT_PROTOCOL,
  REMORA_FT_BOOLEAN,
  REMORA_FT_CHAR,
  REMORA_FT_UINT8,
  REMORA_FT_UINT16,
  REMORA_FT_UINT24,
  REMORA_FT_UINT32,
  REMORA_FT_UINT40,
  REMORA_FT_UINT48,
  REMORA_FT_UINT56,
  REMORA_FT_UINT64,
  REMORA_FT_INT8,
  REMORA_FT_INT16,
  REMORA_FT_INT24,
  REMORA_FT_INT32,
  REMORA_FT_INT64,
  REMORA_FT_FLOAT,
  REMORA_FT_DOUBLE,
  REMORA_FT_ABSOLUTE_TIME,
  REMORA_FT_RELATIVE_TIME,
  REMORA_FT_STRING,
  REMORA_FT_STRINGZ,
  REMORA_FT_BYTES,
  REMORA_FT_ETHER,
  REMORA_FT_IPv4,
  REMORA_FT_IPv6,
  REMORA_FT_FRAMENUM,
  REMORA_FT_N_TYPES
} RemoraFieldType;

/* Display bases.  For REMORA_FT_BOOLEAN with a bitmask the base is instead
 * the bit width of the containing field (8, 16, 24, 32, 64) as in Wireshark,
 * used to draw "..0. ...." bit patterns; for absolute times it is one of the
 * REMORA_ABSOLUTE_TIME_* values. */
typedef enum {
  REMORA_BASE_NONE = 0,
  REMORA_BASE_DEC,
  REMORA_BASE_HEX,
  REMORA_BASE_OCT,
  REMORA_BASE_DEC_HEX,
  REMORA_BASE_HEX_DEC,
  REMORA_BASE_SPECIAL_MASK = 0xff,
  /* OR-able flags */
  REMORA_BASE_UNIT_STRING  = 0x1000,  /* strings is a RemoraUnitString: append a unit */
  REMORA_BASE_RANGE_STRING = 0x2000,  /* strings is a RemoraRangeString table */
  REMORA_BASE_NO_DISPLAY_VALUE = 0x4000, /* label shows only the name, not the value */
} RemoraFieldBase;

enum {
  REMORA_ABSOLUTE_TIME_LOCAL = 1000,
  REMORA_ABSOLUTE_TIME_UTC,
  REMORA_ABSOLUTE_TIME_DOY_UTC,
};

/* Value names for integer fields: {0, NULL}-terminated. */
typedef struct {
  guint64     value;
  const char *name;
} RemoraValueString;

/* Value names for ranges: {0, 0, NULL}-terminated; set REMORA_BASE_RANGE_STRING. */
typedef struct {
  guint64     min;
  guint64     max;
  const char *name;
} RemoraRangeString;

/* Names of a boolean's two states.  When a field has none, a bit flag
 * (bitmask set) reads "Set"/"Not set" and a plain boolean "True"/"False". */
typedef struct {
  const char *true_string;
  const char *false_string;
} RemoraTrueFalse;

/* Appended as is to the value, so include the leading space: " bytes". */
typedef struct {
  const char *singular;
  const char *plural;   /* NULL: same as singular */
} RemoraUnitString;

/* Booleans print "True"/"False" unless given names; bit flags usually want these. */
extern const RemoraTrueFalse remora_tfs_set_notset;      /* "Set" / "Not set" */
extern const RemoraTrueFalse remora_tfs_yes_no;          /* "Yes" / "No" */
extern const RemoraTrueFalse remora_tfs_true_false;      /* "True" / "False" */

/* A field as registered.  Protocols are fields too (type PROTOCOL, parent -1). */
typedef struct {
  const char      *name;        /* "Source Address" */
  const char      *abbrev;      /* "ip.src": the filter name, Wireshark's exactly */
  RemoraFieldType  type;
  int              base;        /* RemoraFieldBase (see above for booleans / times) */
  const void      *strings;     /* RemoraValueString[], RemoraRangeString[], RemoraTrueFalse or RemoraUnitString */
  guint64          bitmask;     /* 0 = whole field */
  const char      *blurb;       /* description, or NULL */
  /* filled by the registry */
  int              id;
  int              parent;      /* the protocol's field id; -1 for a protocol */
  int              same_name_next; /* next field with the same abbrev, or -1 */
  guint8           bitshift;    /* trailing zero bits of bitmask */
  const char      *short_name;  /* protocols only: "IPv4" */
} RemoraFieldInfo;

/* Registration entry: ID receives the field id. */
typedef struct {
  int            *id;
  RemoraFieldInfo info;
} RemoraFieldDef;

/* Registers a protocol: NAME "Internet Protocol Version 4", SHORT_NAME
 * "IPv4" (the Protocol column), FILTER_NAME "ip".  Returns its field id. */
int                    remora_proto_register        (const char           *name,
                                                     const char           *short_name,
                                                     const char           *filter_name);
/* Registers N static field definitions under PROTO (the defs must outlive
 * the registry: declare them static). */
void                   remora_fields_register       (int                   proto,
                                                     RemoraFieldDef       *defs,
                                                     gsize                 n);

/* Lookups.  Ids are dense from 0 to remora_field_count () - 1. */
guint                  remora_field_count           (void);
const RemoraFieldInfo *remora_field_get             (int                   id);
/* The first field of that abbrev (follow same_name_next for the others), or -1. */
int                    remora_field_lookup          (const char           *abbrev);
const char            *remora_field_type_name       (RemoraFieldType       type);  /* "FT_UINT8" */
const char            *remora_field_base_name       (const RemoraFieldInfo *info); /* "BASE_HEX", "8", "" */
gboolean               remora_field_type_is_unsigned (RemoraFieldType      type);
gboolean               remora_field_type_is_signed  (RemoraFieldType       type);
gboolean               remora_field_type_is_integer (RemoraFieldType       type);
/* Width in bytes of an integer type (UINT24 -> 3), 0 for others. */
guint                  remora_field_type_width      (RemoraFieldType       type);

/* Value-string lookups; NULL when VALUE has no name. */
const char            *remora_value_string_lookup   (const RemoraValueString *vs,
                                                     guint64                  value);
const char            *remora_range_string_lookup   (const RemoraRangeString *rs,
                                                     guint64                  value);
/* The name of VALUE for field INFO through whatever table it has, or NULL. */
const char            *remora_field_value_name      (const RemoraFieldInfo   *info,
                                                     guint64                  value);

G_END_DECLS
