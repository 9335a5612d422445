/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-node-filter"

#include "config.h"

#include "remora-node-filter.h"

#include <math.h>
#include <string.h>

#include "remora-format.h"

/* The forms follow what Wireshark 4.0 puts in the filter bar:
 *   a protocol              its filter name alone ("tcp")
 *   a field without value   its name when it covers no bytes, else the
 *                           bytes it covers in the frame ("frame[54:2] == 0a:0b")
 *   an integer              in the base the tree shows it, hex padded to
 *                           the field's (or its bitmask's) width; frame
 *                           numbers and octal in decimal
 *   an integer shown by     its name in quotes ("Standard query"), when
 *   name alone (BASE_NONE)  the name leads back to this value
 *   a boolean               1 or 0
 *   a string                quoted, with C escapes
 *   bytes                   colon-separated hex
 *   an absolute time        quoted, as the tree shows it (without the zone
 *                           for local time)
 *   anything else           the value as the tree shows it
 * Where a value has no literal the filter language reads back (a NaN, an
 * unset time, an empty byte string), the field's name alone: it still
 * matches the packet. */

/* ---- values ---- */

static void
append_quoted (GString      *out,
               const guint8 *p,
               gsize         len,
               char          quote)
{
  gsize i = 0;

  g_string_append_c (out, quote);
  while (i < len)
    {
      guint8 c = p[i];

      switch (c)
        {
        case '\a': g_string_append (out, "\\a"); i++; continue;
        case '\b': g_string_append (out, "\\b"); i++; continue;
        case '\f': g_string_append (out, "\\f"); i++; continue;
        case '\n': g_string_append (out, "\\n"); i++; continue;
        case '\r': g_string_append (out, "\\r"); i++; continue;
        case '\t': g_string_append (out, "\\t"); i++; continue;
        case '\v': g_string_append (out, "\\v"); i++; continue;
        case '\\': g_string_append (out, "\\\\"); i++; continue;
        default: break;
        }
      if (c == (guint8) quote)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, (char) c);
          i++;
        }
      else if (c >= 0x20 && c < 0x7f)
        {
          g_string_append_c (out, (char) c);
          i++;
        }
      else if (c >= 0x80)
        {
          /* Readable text stays readable; stray bytes become escapes, so
           * the filter bar always gets valid UTF-8. */
          gunichar ch = g_utf8_get_char_validated ((const char *) p + i, (gssize) (len - i));

          if (ch != (gunichar) -1 && ch != (gunichar) -2)
            {
              gsize n = (gsize) (g_utf8_next_char ((const char *) p + i) - ((const char *) p + i));

              g_string_append_len (out, (const char *) p + i, (gssize) n);
              i += n;
            }
          else
            {
              g_string_append_printf (out, "\\x%02x", c);
              i++;
            }
        }
      else
        {
          g_string_append_printf (out, "\\x%02x", c);
          i++;
        }
    }
  g_string_append_c (out, quote);
}

static void
append_hex_bytes (GString      *out,
                  const guint8 *p,
                  gsize         len)
{
  for (gsize i = 0; i < len; i++)
    g_string_append_printf (out, i > 0 ? ":%02x" : "%02x", p[i]);
}

static guint
hex_digits (const RemoraFieldInfo *info)
{
  if (info->bitmask != 0)
    {
      guint64 mask = info->bitmask >> info->bitshift;
      guint bits = mask != 0 ? 64 - (guint) __builtin_clzll (mask) : 1;

      return (bits + 3) / 4;
    }
  return MAX (remora_field_type_width (info->type) * 2, 1);
}

/* The name a BASE_NONE integer is shown by, when it names this value and
 * no other: the filter compiler reads a name as the first value it finds
 * under it, ignoring case. */
static const char *
unique_value_name (const RemoraFieldInfo *info,
                   guint64                value)
{
  const char *name;

  if (info->strings == NULL || (info->base & REMORA_BASE_UNIT_STRING) ||
      (info->base & REMORA_BASE_SPECIAL_MASK) != REMORA_BASE_NONE)
    return NULL;
  switch (info->type)
    {
    case REMORA_FT_CHAR:
    case REMORA_FT_UINT8:
    case REMORA_FT_UINT16:
    case REMORA_FT_UINT24:
    case REMORA_FT_UINT32:
    case REMORA_FT_INT8:
    case REMORA_FT_INT16:
    case REMORA_FT_INT24:
    case REMORA_FT_INT32:
      break;
    default:
      return NULL;
    }

  name = remora_field_value_name (info, value);
  if (name == NULL || !g_utf8_validate (name, -1, NULL))
    return NULL;
  if (info->base & REMORA_BASE_RANGE_STRING)
    {
      for (const RemoraRangeString *rs = info->strings; rs->name != NULL; rs++)
        if (g_ascii_strcasecmp (rs->name, name) == 0)
          return rs->min == value ? name : NULL;
      return NULL;
    }
  for (const RemoraValueString *vs = info->strings; vs->name != NULL; vs++)
    if (g_ascii_strcasecmp (vs->name, name) == 0)
      return vs->value == value ? name : NULL;
  return NULL;
}

static void
append_unsigned (GString               *out,
                 const RemoraFieldInfo *info,
                 guint64                value)
{
  int base = info->base & REMORA_BASE_SPECIAL_MASK;

  if (info->type != REMORA_FT_FRAMENUM &&
      (base == REMORA_BASE_HEX || base == REMORA_BASE_HEX_DEC))
    g_string_append_printf (out, "0x%0*" G_GINT64_MODIFIER "x", hex_digits (info), value);
  else
    g_string_append_printf (out, "%" G_GUINT64_FORMAT, value);
}

/* The shortest text that reads back as exactly D. */
static void
append_double (GString *out,
               double   d)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buf, sizeof buf, format, d);
      if (g_ascii_strtod (buf, NULL) == d)
        break;
    }
  g_string_append (out, buf);
}

/* Whether V fits the field's type, so that the compiler takes it back
 * (a dissector may store more: IPv4's total length of a BIG TCP packet). */
static gboolean
integer_fits (const RemoraFieldInfo *info,
              const RemoraValue     *v)
{
  guint width = remora_field_type_width (info->type);

  if (width == 0 || width >= 8)
    return TRUE;
  if (remora_field_type_is_signed (info->type))
    {
      gint64 max = (G_GINT64_CONSTANT (1) << (width * 8 - 1)) - 1;

      return v->i <= max && v->i >= -max - 1;
    }
  return v->u <= (G_GUINT64_CONSTANT (1) << (width * 8)) - 1;
}

/* Appends " == VALUE" for NODE; FALSE when the value has no literal. */
static gboolean
append_comparison (GString               *out,
                   const RemoraFieldInfo *info,
                   const RemoraNode      *node)
{
  const RemoraValue *v = &node->value;
  const char *name;

  if (remora_field_type_is_integer (info->type) && !integer_fits (info, v))
    return FALSE;

  switch (info->type)
    {
    case REMORA_FT_BOOLEAN:
      g_string_append (out, v->u ? " == 1" : " == 0");
      return TRUE;

    case REMORA_FT_CHAR:
      if ((name = unique_value_name (info, v->u)) != NULL)
        {
          g_string_append (out, " == ");
          append_quoted (out, (const guint8 *) name, strlen (name), '"');
        }
      else
        {
          guint8 c = (guint8) v->u;

          g_string_append (out, " == ");
          append_quoted (out, &c, 1, '\'');
        }
      return TRUE;

    case REMORA_FT_UINT8:
    case REMORA_FT_UINT16:
    case REMORA_FT_UINT24:
    case REMORA_FT_UINT32:
    case REMORA_FT_UINT40:
    case REMORA_FT_UINT48:
    case REMORA_FT_UINT56:
    case REMORA_FT_UINT64:
    case REMORA_FT_FRAMENUM:
      g_string_append (out, " == ");
      if ((name = unique_value_name (info, v->u)) != NULL)
        append_quoted (out, (const guint8 *) name, strlen (name), '"');
      else
        append_unsigned (out, info, v->u);
      return TRUE;

    case REMORA_FT_INT8:
    case REMORA_FT_INT16:
    case REMORA_FT_INT24:
    case REMORA_FT_INT32:
    case REMORA_FT_INT64:
      g_string_append (out, " == ");
      if ((name = unique_value_name (info, (guint64) v->i)) != NULL)
        append_quoted (out, (const guint8 *) name, strlen (name), '"');
      else if (v->i >= 0)
        append_unsigned (out, info, (guint64) v->i);
      else
        g_string_append_printf (out, "%" G_GINT64_FORMAT, v->i);
      return TRUE;

    case REMORA_FT_FLOAT:
    case REMORA_FT_DOUBLE:
      if (!isfinite (v->d))
        return FALSE;
      g_string_append (out, " == ");
      append_double (out, v->d);
      return TRUE;

    case REMORA_FT_ABSOLUTE_TIME:
      {
        gboolean utc = info->base == REMORA_ABSOLUTE_TIME_UTC ||
                       info->base == REMORA_ABSOLUTE_TIME_DOY_UTC;
        g_autoptr(GString) text = g_string_new (NULL);
        const char *zone;

        if (v->ns == REMORA_TIME_NULL)
          return FALSE;
        remora_format_abs_time (v->ns, utc, text);
        zone = strrchr (text->str, ' ');
        if (zone == NULL || !g_ascii_isdigit (zone[-1]))
          return FALSE;   /* "Not representable" */
        /* The compiler reads a time without a zone as local time. */
        if (!utc)
          g_string_truncate (text, (gsize) (zone - text->str));
        g_string_append (out, " == ");
        append_quoted (out, (const guint8 *) text->str, text->len, '"');
        return TRUE;
      }

    case REMORA_FT_RELATIVE_TIME:
      g_string_append (out, " == ");
      remora_format_rel_time (v->ns, out);
      return TRUE;

    case REMORA_FT_STRING:
    case REMORA_FT_STRINGZ:
      g_string_append (out, " == ");
      append_quoted (out, v->bytes.ptr, v->bytes.len, '"');
      return TRUE;

    case REMORA_FT_BYTES:
      if (v->bytes.len == 0)
        return FALSE;
      g_string_append (out, " == ");
      append_hex_bytes (out, v->bytes.ptr, v->bytes.len);
      return TRUE;

    case REMORA_FT_ETHER:
      g_string_append (out, " == ");
      remora_format_ether (v->addr, out);
      return TRUE;

    case REMORA_FT_IPv4:
      g_string_append (out, " == ");
      remora_format_ipv4 ((guint32) v->u, out);
      return TRUE;

    case REMORA_FT_IPv6:
      g_string_append (out, " == ");
      remora_format_ipv6 (v->addr, out);
      return TRUE;

    case REMORA_FT_NONE:
    case REMORA_FT_PROTOCOL:
    case REMORA_FT_N_TYPES:
    default:
      return FALSE;
    }
}

/* ---- tree nodes ---- */

static const RemoraFieldInfo *
node_field (const RemoraPacket *pkt,
            RemoraItem          item,
            const RemoraNode  **node_out)
{
  const RemoraNode *node;

  if (pkt == NULL || item == 0 || item > remora_packet_get_n_nodes (pkt))
    return NULL;
  node = remora_packet_get_node (pkt, item);
  *node_out = node;
  if (node->field < 0)
    return NULL;
  return remora_field_get (node->field);
}

char *
remora_node_filter_build (const RemoraPacket *pkt,
                          RemoraItem          item)
{
  const RemoraNode *node = NULL;
  const RemoraFieldInfo *info = node_field (pkt, item, &node);
  GString *out;

  if (info == NULL || info->abbrev == NULL)
    return NULL;

  out = g_string_new (info->abbrev);
  if (info->type == REMORA_FT_PROTOCOL)
    return g_string_free (out, FALSE);

  if (info->type == REMORA_FT_NONE)
    {
      const RemoraDataSource *frame = &pkt->sources[0];

      /* Bytes of the frame itself can be matched by position; bytes of a
       * reassembled buffer cannot, and then the name says "present". */
      if (node->length > 0 && node->source == 0 && pkt->n_sources > 0 &&
          node->start < frame->length)
        {
          guint32 length = MIN (node->length, frame->length - node->start);

          g_string_printf (out, "frame[%u:%u] == ", node->start, length);
          append_hex_bytes (out, frame->data + node->start, length);
        }
      return g_string_free (out, FALSE);
    }

  if (!append_comparison (out, info, node))
    g_string_assign (out, info->abbrev);
  return g_string_free (out, FALSE);
}

char *
remora_node_filter_copy_value (const RemoraPacket *pkt,
                               RemoraItem          item)
{
  const RemoraNode *node = NULL;
  const RemoraFieldInfo *info = node_field (pkt, item, &node);
  GString *out;

  if (info == NULL)
    return NULL;

  out = g_string_new (NULL);
  /* A protocol's value is its line, as Wireshark copies it. */
  if (info->type == REMORA_FT_PROTOCOL)
    remora_node_format_label (pkt, item, out);
  else
    remora_format_value (info, node, REMORA_FORMAT_FIELDS, out);
  if (!g_utf8_validate_len (out->str, out->len, NULL))
    {
      char *valid = g_utf8_make_valid (out->str, (gssize) out->len);

      g_string_free (out, TRUE);
      return valid;
    }
  return g_string_free (out, FALSE);
}

/* ---- packet list cells ---- */

/* Whether the packet has a node of ABBREV holding ADDR. */
static gboolean
packet_has_address (const RemoraPacket  *pkt,
                    const char          *abbrev,
                    const RemoraAddress *addr)
{
  int id = remora_field_lookup (abbrev);

  if (id < 0)
    return FALSE;
  for (guint i = 1; i <= remora_packet_get_n_nodes (pkt); i++)
    {
      const RemoraNode *node = remora_packet_get_node (pkt, i);

      if (node->field != id)
        continue;
      if (addr->type == REMORA_AT_IPv4)
        {
          guint32 host = ((guint32) addr->data[0] << 24) | ((guint32) addr->data[1] << 16) |
                         ((guint32) addr->data[2] << 8) | addr->data[3];

          if ((guint32) node->value.u == host)
            return TRUE;
        }
      else if (memcmp (node->value.addr, addr->data, addr->type == REMORA_AT_IPv6 ? 16 : 6) == 0)
        return TRUE;
    }
  return FALSE;
}

static char *
address_filter (const RemoraPacket  *pkt,
                const RemoraAddress *net,
                const RemoraAddress *link,
                gboolean             source)
{
  /* The cell shows the network address when there is one, else the link's. */
  const RemoraAddress *addr = net->type != REMORA_AT_NONE ? net : link;
  const char *abbrev;
  GString *out;

  switch (addr->type)
    {
    case REMORA_AT_IPv4:
      if (addr->len != 4)
        return NULL;
      abbrev = source ? "ip.src" : "ip.dst";
      break;
    case REMORA_AT_IPv6:
      if (addr->len != 16)
        return NULL;
      abbrev = source ? "ipv6.src" : "ipv6.dst";
      break;
    case REMORA_AT_ETHER:
      if (addr->len != 6)
        return NULL;
      abbrev = source ? "eth.src" : "eth.dst";
      break;
    default:
      return NULL;
    }
  /* An address some other layer put there (a tunnel's, a link type
   * without Ethernet) would give a filter that hides its own packet. */
  if (!packet_has_address (pkt, abbrev, addr))
    return NULL;

  out = g_string_new (abbrev);
  g_string_append (out, " == ");
  if (addr->type == REMORA_AT_IPv4)
    g_string_append_printf (out, "%u.%u.%u.%u", addr->data[0], addr->data[1], addr->data[2], addr->data[3]);
  else if (addr->type == REMORA_AT_IPv6)
    remora_format_ipv6 (addr->data, out);
  else
    remora_format_ether (addr->data, out);
  return g_string_free (out, FALSE);
}

/* The layer the Protocol cell names: the topmost one whose short name it
 * shows, else the topmost one whose filter name it spells, else the
 * topmost layer. */
static char *
protocol_filter (const RemoraPacket *pkt)
{
  const char *shown = pkt->col_protocol;

  if (pkt->n_layers == 0)
    return NULL;
  if (shown != NULL)
    {
      for (guint i = pkt->n_layers; i > 0; i--)
        {
          const RemoraFieldInfo *info = remora_field_get (pkt->layers[i - 1]);

          if (info != NULL && info->short_name != NULL && g_str_equal (info->short_name, shown))
            return g_strdup (info->abbrev);
        }
      for (guint i = pkt->n_layers; i > 0; i--)
        {
          const RemoraFieldInfo *info = remora_field_get (pkt->layers[i - 1]);

          if (info != NULL && info->abbrev != NULL && g_ascii_strcasecmp (info->abbrev, shown) == 0)
            return g_strdup (info->abbrev);
        }
    }
  for (guint i = pkt->n_layers; i > 0; i--)
    {
      const RemoraFieldInfo *info = remora_field_get (pkt->layers[i - 1]);

      if (info != NULL && info->abbrev != NULL)
        return g_strdup (info->abbrev);
    }
  return NULL;
}

char *
remora_column_filter_build (const RemoraPacket  *pkt,
                            RemoraSummaryColumn  column)
{
  g_return_val_if_fail (pkt != NULL, NULL);

  if (pkt->frame == NULL)
    return NULL;

  switch (column)
    {
    case REMORA_SUMMARY_NUMBER:
      return g_strdup_printf ("frame.number == %u", pkt->frame->number);

    case REMORA_SUMMARY_TIME:
      {
        GString *out = g_string_new ("frame.time_relative == ");

        remora_format_rel_time (pkt->rel_ns, out);
        return g_string_free (out, FALSE);
      }

    case REMORA_SUMMARY_SOURCE:
      return address_filter (pkt, &pkt->src, &pkt->dl_src, TRUE);

    case REMORA_SUMMARY_DESTINATION:
      return address_filter (pkt, &pkt->dst, &pkt->dl_dst, FALSE);

    case REMORA_SUMMARY_PROTOCOL:
      return protocol_filter (pkt);

    case REMORA_SUMMARY_LENGTH:
      return g_strdup_printf ("frame.len == %u", pkt->frame->orig_len);

    case REMORA_SUMMARY_INFO:
      {
        GString *out;

        /* Only a filter language with a field for the column can match it. */
        if (remora_field_lookup ("_ws.col.info") < 0 || pkt->col_info == NULL)
          return NULL;
        out = g_string_new ("_ws.col.info == ");
        append_quoted (out, (const guint8 *) pkt->col_info->str, pkt->col_info->len, '"');
        return g_string_free (out, FALSE);
      }

    case REMORA_N_SUMMARY_COLUMNS:
    default:
      return NULL;
    }
}

/* ---- joining ---- */

char *
remora_filter_combine (const char         *current,
                       const char         *selected,
                       RemoraFilterAction  action)
{
  g_autofree char *old = g_strstrip (g_strdup (current != NULL ? current : ""));
  gboolean have_old = old[0] != '\0';

  g_return_val_if_fail (selected != NULL, NULL);

  switch (action)
    {
    case REMORA_FILTER_ACTION_SELECTED:
      return g_strdup (selected);
    case REMORA_FILTER_ACTION_NOT_SELECTED:
      return g_strdup_printf ("!(%s)", selected);
    case REMORA_FILTER_ACTION_AND_SELECTED:
      return have_old ? g_strdup_printf ("(%s) && (%s)", old, selected) : g_strdup (selected);
    case REMORA_FILTER_ACTION_OR_SELECTED:
      return have_old ? g_strdup_printf ("(%s) || (%s)", old, selected) : g_strdup (selected);
    case REMORA_FILTER_ACTION_AND_NOT_SELECTED:
      return have_old ? g_strdup_printf ("(%s) && !(%s)", old, selected)
                      : g_strdup_printf ("!(%s)", selected);
    case REMORA_FILTER_ACTION_OR_NOT_SELECTED:
      return have_old ? g_strdup_printf ("(%s) || !(%s)", old, selected)
                      : g_strdup_printf ("!(%s)", selected);
    case REMORA_N_FILTER_ACTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}
