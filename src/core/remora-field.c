/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-field"

#include "config.h"

#include "remora-field.h"

/* The registry is written once, at start-up, by remora_dissectors_init ()
 * (under its g_once), and only read afterwards, so lookups need no lock. */
const RemoraTrueFalse remora_tfs_set_notset = { "Set", "Not set" };
const RemoraTrueFalse remora_tfs_yes_no = { "Yes", "No" };
const RemoraTrueFalse remora_tfs_true_false = { "True", "False" };

static GPtrArray  *fields;      /* RemoraFieldInfo*, index = id */
static GHashTable *by_abbrev;   /* abbrev -> GINT_TO_POINTER (id + 1) */

static const char *const type_names[REMORA_FT_N_TYPES] = {
  [REMORA_FT_NONE] = "FT_NONE",
  [REMORA_FT_PROTOCOL] = "FT_PROTOCOL",
  [REMORA_FT_BOOLEAN] = "FT_BOOLEAN",
  [REMORA_FT_CHAR] = "FT_CHAR",
  [REMORA_FT_UINT8] = "FT_UINT8",
  [REMORA_FT_UINT16] = "FT_UINT16",
  [REMORA_FT_UINT24] = "FT_UINT24",
  [REMORA_FT_UINT32] = "FT_UINT32",
  [REMORA_FT_UINT40] = "FT_UINT40",
  [REMORA_FT_UINT48] = "FT_UINT48",
  [REMORA_FT_UINT56] = "FT_UINT56",
  [REMORA_FT_UINT64] = "FT_UINT64",
  [REMORA_FT_INT8] = "FT_INT8",
  [REMORA_FT_INT16] = "FT_INT16",
  [REMORA_FT_INT24] = "FT_INT24",
  [REMORA_FT_INT32] = "FT_INT32",
  [REMORA_FT_INT64] = "FT_INT64",
  [REMORA_FT_FLOAT] = "FT_FLOAT",
  [REMORA_FT_DOUBLE] = "FT_DOUBLE",
  [REMORA_FT_ABSOLUTE_TIME] = "FT_ABSOLUTE_TIME",
  [REMORA_FT_RELATIVE_TIME] = "FT_RELATIVE_TIME",
  [REMORA_FT_STRING] = "FT_STRING",
  [REMORA_FT_STRINGZ] = "FT_STRINGZ",
  [REMORA_FT_BYTES] = "FT_BYTES",
  [REMORA_FT_ETHER] = "FT_ETHER",
  [REMORA_FT_IPv4] = "FT_IPv4",
  [REMORA_FT_IPv6] = "FT_IPv6",
  [REMORA_FT_FRAMENUM] = "FT_FRAMENUM",
};

static void
ensure_registry (void)
{
  if (fields == NULL)
    {
      fields = g_ptr_array_new ();
      by_abbrev = g_hash_table_new (g_str_hash, g_str_equal);
    }
}

static int
add_field (RemoraFieldInfo *info,
           int              parent)
{
  gpointer found;

  ensure_registry ();
  info->id = (int) fields->len;
  info->parent = parent;
  info->same_name_next = -1;
  info->bitshift = info->bitmask ? (guint8) __builtin_ctzll (info->bitmask) : 0;
  g_ptr_array_add (fields, info);

  /* Several fields may share an abbrev (Wireshark has such pairs); the
   * filter and -e see all of them through the chain. */
  found = g_hash_table_lookup (by_abbrev, info->abbrev);
  if (found == NULL)
    g_hash_table_insert (by_abbrev, (gpointer) info->abbrev, GINT_TO_POINTER (info->id + 1));
  else
    {
      RemoraFieldInfo *last = g_ptr_array_index (fields, GPOINTER_TO_INT (found) - 1);

      while (last->same_name_next >= 0)
        last = g_ptr_array_index (fields, last->same_name_next);
      last->same_name_next = info->id;
    }
  return info->id;
}

int
remora_proto_register (const char *name,
                       const char *short_name,
                       const char *filter_name)
{
  RemoraFieldInfo *info = g_new0 (RemoraFieldInfo, 1);

  info->name = name;
  info->short_name = short_name;
  info->abbrev = filter_name;
  info->type = REMORA_FT_PROTOCOL;
  info->base = REMORA_BASE_NONE;
  return add_field (info, -1);
}

void
remora_fields_register (int             proto,
                        RemoraFieldDef *defs,
                        gsize           n)
{
  g_return_if_fail (proto >= 0);

  for (gsize i = 0; i < n; i++)
    *defs[i].id = add_field (&defs[i].info, proto);
}

guint
remora_field_count (void)
{
  return fields ? fields->len : 0;
}

const RemoraFieldInfo *
remora_field_get (int id)
{
  if (fields == NULL || id < 0 || (guint) id >= fields->len)
    return NULL;
  return g_ptr_array_index (fields, id);
}

int
remora_field_lookup (const char *abbrev)
{
  if (by_abbrev == NULL || abbrev == NULL)
    return -1;
  return GPOINTER_TO_INT (g_hash_table_lookup (by_abbrev, abbrev)) - 1;
}

const char *
remora_field_type_name (RemoraFieldType type)
{
  if ((guint) type >= REMORA_FT_N_TYPES)
    return "FT_NONE";
  return type_names[type];
}

const char *
remora_field_base_name (const RemoraFieldInfo *info)
{
  static const char *const widths[] = { "0", "8", "16", "24", "32", "40", "48", "56", "64" };

  if (info->type == REMORA_FT_BOOLEAN)
    return info->base >= 0 && info->base <= 64 && info->base % 8 == 0 ? widths[info->base / 8] : "0";
  if (info->type == REMORA_FT_ABSOLUTE_TIME)
    {
      switch (info->base)
        {
        case REMORA_ABSOLUTE_TIME_UTC: return "ABSOLUTE_TIME_UTC";
        case REMORA_ABSOLUTE_TIME_DOY_UTC: return "ABSOLUTE_TIME_DOY_UTC";
        default: return "ABSOLUTE_TIME_LOCAL";
        }
    }
  if (!remora_field_type_is_integer (info->type))
    return "";
  switch (info->base & REMORA_BASE_SPECIAL_MASK)
    {
    case REMORA_BASE_DEC: return "BASE_DEC";
    case REMORA_BASE_HEX: return "BASE_HEX";
    case REMORA_BASE_OCT: return "BASE_OCT";
    case REMORA_BASE_DEC_HEX: return "BASE_DEC_HEX";
    case REMORA_BASE_HEX_DEC: return "BASE_HEX_DEC";
    default: return "BASE_NONE";
    }
}

gboolean
remora_field_type_is_unsigned (RemoraFieldType type)
{
  switch (type)
    {
    case REMORA_FT_CHAR:
    case REMORA_FT_UINT8:
    case REMORA_FT_UINT16:
    case REMORA_FT_UINT24:
    case REMORA_FT_UINT32:
    case REMORA_FT_UINT40:
    case REMORA_FT_UINT48:
    case REMORA_FT_UINT56:
    case REMORA_FT_UINT64:
    case REMORA_FT_FRAMENUM:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
remora_field_type_is_signed (RemoraFieldType type)
{
  switch (type)
    {
    case REMORA_FT_INT8:
    case REMORA_FT_INT16:
    case REMORA_FT_INT24:
    case REMORA_FT_INT32:
    case REMORA_FT_INT64:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
remora_field_type_is_integer (RemoraFieldType type)
{
  return remora_field_type_is_unsigned (type) || remora_field_type_is_signed (type);
}

guint
remora_field_type_width (RemoraFieldType type)
{
  switch (type)
    {
    case REMORA_FT_CHAR:
    case REMORA_FT_UINT8:
    case REMORA_FT_INT8:
      return 1;
    case REMORA_FT_UINT16:
    case REMORA_FT_INT16:
      return 2;
    case REMORA_FT_UINT24:
    case REMORA_FT_INT24:
      return 3;
    case REMORA_FT_UINT32:
    case REMORA_FT_INT32:
    case REMORA_FT_FRAMENUM:
      return 4;
    case REMORA_FT_UINT40:
      return 5;
    case REMORA_FT_UINT48:
      return 6;
    case REMORA_FT_UINT56:
      return 7;
    case REMORA_FT_UINT64:
    case REMORA_FT_INT64:
      return 8;
    default:
      return 0;
    }
}

const char *
remora_value_string_lookup (const RemoraValueString *vs,
                            guint64                  value)
{
  for (; vs != NULL && vs->name != NULL; vs++)
    if (vs->value == value)
      return vs->name;
  return NULL;
}

const char *
remora_range_string_lookup (const RemoraRangeString *rs,
                            guint64                  value)
{
  for (; rs != NULL && rs->name != NULL; rs++)
    if (value >= rs->min && value <= rs->max)
      return rs->name;
  return NULL;
}

const char *
remora_field_value_name (const RemoraFieldInfo *info,
                         guint64                value)
{
  if (info->strings == NULL)
    return NULL;
  if (info->type == REMORA_FT_BOOLEAN)
    {
      const RemoraTrueFalse *tf = info->strings;
      return value ? tf->true_string : tf->false_string;
    }
  if (!remora_field_type_is_integer (info->type) || (info->base & REMORA_BASE_UNIT_STRING))
    return NULL;
  if (info->base & REMORA_BASE_RANGE_STRING)
    return remora_range_string_lookup (info->strings, value);
  return remora_value_string_lookup (info->strings, value);
}
