/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-dfilter"

#include "config.h"

#include "remora-dfilter-private.h"

#include <arpa/inet.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Semantic check: words become fields (or stay literals), literals are
 * typed by whatever they meet, and every mistake 4.0 rejects is reported
 * with its span and 4.0's wording. */

typedef struct {
  const char          *text;
  GPtrArray           *warnings;
  RemoraDfilterError **error;
} Checker;

const char *
df_type_pretty_name (RemoraFieldType type)
{
  switch (type)
    {
    case REMORA_FT_NONE: return "Label";
    case REMORA_FT_PROTOCOL: return "Protocol";
    case REMORA_FT_BOOLEAN: return "Boolean";
    case REMORA_FT_CHAR: return "Character (1 byte)";
    case REMORA_FT_UINT8: return "Unsigned integer (1 byte)";
    case REMORA_FT_UINT16: return "Unsigned integer (2 bytes)";
    case REMORA_FT_UINT24: return "Unsigned integer (3 bytes)";
    case REMORA_FT_UINT32: return "Unsigned integer (4 bytes)";
    case REMORA_FT_UINT40: return "Unsigned integer (5 bytes)";
    case REMORA_FT_UINT48: return "Unsigned integer (6 bytes)";
    case REMORA_FT_UINT56: return "Unsigned integer (7 bytes)";
    case REMORA_FT_UINT64: return "Unsigned integer (8 bytes)";
    case REMORA_FT_INT8: return "Signed integer (1 byte)";
    case REMORA_FT_INT16: return "Signed integer (2 bytes)";
    case REMORA_FT_INT24: return "Signed integer (3 bytes)";
    case REMORA_FT_INT32: return "Signed integer (4 bytes)";
    case REMORA_FT_INT64: return "Signed integer (8 bytes)";
    case REMORA_FT_FLOAT: return "Floating point (single-precision)";
    case REMORA_FT_DOUBLE: return "Floating point (double-precision)";
    case REMORA_FT_ABSOLUTE_TIME: return "Date and time";
    case REMORA_FT_RELATIVE_TIME: return "Time offset";
    case REMORA_FT_STRING: return "Character string";
    case REMORA_FT_STRINGZ: return "Character string";
    case REMORA_FT_BYTES: return "Byte sequence";
    case REMORA_FT_ETHER: return "Ethernet or other MAC address";
    case REMORA_FT_IPv4: return "IPv4 address";
    case REMORA_FT_IPv6: return "IPv6 address";
    case REMORA_FT_FRAMENUM: return "Frame number";
    case REMORA_FT_N_TYPES:
    default: return "Unknown";
    }
}

DfValueKind
df_value_kind_for (RemoraFieldType type)
{
  if (remora_field_type_is_unsigned (type))
    return DF_V_UINT;
  if (remora_field_type_is_signed (type))
    return DF_V_INT;
  switch (type)
    {
    case REMORA_FT_BOOLEAN: return DF_V_BOOL;
    case REMORA_FT_FLOAT:
    case REMORA_FT_DOUBLE: return DF_V_DOUBLE;
    case REMORA_FT_ABSOLUTE_TIME:
    case REMORA_FT_RELATIVE_TIME: return DF_V_TIME;
    case REMORA_FT_IPv4: return DF_V_IPV4;
    case REMORA_FT_IPv6: return DF_V_IPV6;
    case REMORA_FT_ETHER: return DF_V_ETHER;
    case REMORA_FT_STRING:
    case REMORA_FT_STRINGZ: return DF_V_STRING;
    default: return DF_V_BYTES;
    }
}

/* Types that compare with each other. */
static int
type_class (RemoraFieldType type)
{
  switch (df_value_kind_for (type))
    {
    case DF_V_UINT:
    case DF_V_INT: return 1;
    case DF_V_ETHER:
    case DF_V_BYTES: return 2;
    case DF_V_TIME: return type == REMORA_FT_ABSOLUTE_TIME ? 3 : 4;
    default: return 10 + df_value_kind_for (type);
    }
}

static gboolean
is_bytes_like (RemoraFieldType type)
{
  DfValueKind k = df_value_kind_for (type);

  return k == DF_V_BYTES || k == DF_V_STRING;
}

static gboolean
is_sliceable (RemoraFieldType type)
{
  DfValueKind k = df_value_kind_for (type);

  return k == DF_V_BYTES || k == DF_V_STRING || k == DF_V_ETHER || k == DF_V_IPV4 || k == DF_V_IPV6;
}

static gboolean
is_address_kind (DfValueKind k)
{
  return k == DF_V_ETHER || k == DF_V_IPV4 || k == DF_V_IPV6;
}

/* tshark 4.0 has "&" on integers, byte strings and addresses only; a
 * protocol, though sliceable like bytes, is refused. */
static gboolean
bitand_capable (RemoraFieldType type)
{
  DfValueKind k = df_value_kind_for (type);

  if (type == REMORA_FT_PROTOCOL || type == REMORA_FT_NONE)
    return FALSE;
  return k == DF_V_UINT || k == DF_V_INT || k == DF_V_BYTES || is_address_kind (k);
}

static char *
src_text (Checker     *c,
          const DfAst *ast)
{
  return g_strndup (c->text + ast->start, ast->len);
}

static gboolean
is_constant (const DfAst *ast)
{
  switch (ast->kind)
    {
    case DF_AST_LITERAL:
      return !ast->has_layer && remora_field_lookup (ast->text) < 0;
    case DF_AST_STRING:
    case DF_AST_CHARCONST:
    case DF_AST_CONST:
      return TRUE;
    case DF_AST_NEG:
      return is_constant (ast->a);
    case DF_AST_ARITH:
      return is_constant (ast->a) && is_constant (ast->b);
    default:
      return FALSE;
    }
}

/* ---- literal conversion ---- */

static gboolean
parse_uint64 (const char *s,
              guint64    *out)
{
  int base = 10;
  char *end;

  if (*s == '\0' || *s == '-' || *s == '+')
    return FALSE;
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
    base = 16, s += 2;
  else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
    base = 2, s += 2;
  else if (s[0] == '0' && s[1] != '\0')
    base = 8, s += 1;
  if (*s == '\0' || g_ascii_isspace (*s) || *s == '-' || *s == '+')
    return FALSE;
  errno = 0;
  *out = g_ascii_strtoull (s, &end, base);
  return *end == '\0' && errno == 0;
}

static gboolean
lookup_value_name (const RemoraFieldInfo *info,
                   const char            *name,
                   guint64               *out)
{
  if (info == NULL || info->strings == NULL || (info->base & REMORA_BASE_UNIT_STRING))
    return FALSE;
  if (info->type == REMORA_FT_BOOLEAN)
    {
      const RemoraTrueFalse *tf = info->strings;

      if (tf->true_string && g_ascii_strcasecmp (tf->true_string, name) == 0)
        return *out = 1, TRUE;
      if (tf->false_string && g_ascii_strcasecmp (tf->false_string, name) == 0)
        return *out = 0, TRUE;
      return FALSE;
    }
  if (info->base & REMORA_BASE_RANGE_STRING)
    {
      for (const RemoraRangeString *rs = info->strings; rs->name != NULL; rs++)
        if (g_ascii_strcasecmp (rs->name, name) == 0)
          return *out = rs->min, TRUE;
      return FALSE;
    }
  for (const RemoraValueString *vs = info->strings; vs->name != NULL; vs++)
    if (g_ascii_strcasecmp (vs->name, name) == 0)
      return *out = vs->value, TRUE;
  return FALSE;
}

/* Bytes as "aa:bb:cc", "aa-bb-cc", "aabb.ccdd", "aabbcc", "a" or "0xff". */
static GByteArray *
parse_byte_string (const char *s)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  const char *p = s;

  if ((s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) && s[2] != '\0' && strlen (s) <= 4)
    {
      guint64 v;
      if (!parse_uint64 (s, &v) || v > 0xff)
        return NULL;
      guint8 b = (guint8) v;
      g_byte_array_append (out, &b, 1);
      return g_steal_pointer (&out);
    }
  if (*p == '\0')
    return NULL;
  while (*p != '\0')
    {
      const char *g = p;
      gsize n;

      while (g_ascii_isxdigit (*p))
        p++;
      n = (gsize) (p - g);
      if (n == 0)
        return NULL;
      if (n == 1)
        {
          guint8 b = (guint8) g_ascii_xdigit_value (*g);
          g_byte_array_append (out, &b, 1);
        }
      else if (n % 2 == 0)
        for (gsize k = 0; k < n; k += 2)
          {
            guint8 b = (guint8) (g_ascii_xdigit_value (g[k]) * 16 + g_ascii_xdigit_value (g[k + 1]));
            g_byte_array_append (out, &b, 1);
          }
      else
        return NULL;
      if (*p == '\0')
        break;
      if (*p != ':' && *p != '-' && *p != '.')
        return NULL;
      p++;
      if (*p == '\0')
        return NULL;
    }
  return g_steal_pointer (&out);
}

/* "12.345678901" read to the nanosecond: through a double, seconds since
 * the epoch (frame.time_epoch) lose their last digits. */
static gboolean
parse_decimal_seconds (const char *s,
                       gint64     *ns)
{
  guint64 secs = 0;
  guint64 frac = 0;
  guint digits = 0;
  const char *p = s;

  if (!g_ascii_isdigit (*p) && !(*p == '.' && g_ascii_isdigit (p[1])))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      secs = secs * 10 + (guint64) (*p - '0');
      if (secs > 9200000000u)
        return FALSE;
    }
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      {
        /* Beyond the nanosecond the digits only round. */
        if (digits < 9)
          frac = frac * 10 + (guint64) (*p - '0'), digits++;
        else if (digits == 9 && *p >= '5')
          frac++, digits++;
        else
          digits = 10;
      }
  if (*p != '\0')
    return FALSE;
  for (guint i = MIN (digits, 9); i < 9; i++)
    frac *= 10;
  *ns = (gint64) (secs * 1000000000u + frac);
  return TRUE;
}

static gboolean
parse_abs_time (const char *s,
                gint64     *ns)
{
  static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
  struct tm tm = { 0 };
  char mon[4] = { 0 };
  int day, year, h = 0, m = 0, consumed = 0;
  double sec = 0;
  const char *rest;
  gboolean utc = FALSE;
  time_t t;
  gint64 frac_ns = 0;

  if (sscanf (s, "%3s %d, %d %d:%d:%lf%n", mon, &day, &year, &h, &m, &sec, &consumed) >= 6)
    {
      int k;
      for (k = 0; k < 12; k++)
        if (g_ascii_strcasecmp (mon, months[k]) == 0)
          break;
      if (k == 12)
        return FALSE;
      tm.tm_mon = k;
    }
  else if (sscanf (s, "%d-%d-%d %d:%d:%lf%n", &year, &tm.tm_mon, &day, &h, &m, &sec, &consumed) >= 6 ||
           sscanf (s, "%d-%d-%dT%d:%d:%lf%n", &year, &tm.tm_mon, &day, &h, &m, &sec, &consumed) >= 6)
    tm.tm_mon -= 1;
  else
    return FALSE;
  rest = s + consumed;
  while (g_ascii_isspace (*rest))
    rest++;
  if (g_ascii_strcasecmp (rest, "UTC") == 0 || g_ascii_strcasecmp (rest, "Z") == 0)
    utc = TRUE;
  else if (*rest != '\0')
    return FALSE;
  if (tm.tm_mon < 0 || tm.tm_mon > 11 || day < 1 || day > 31 || h < 0 || h > 23 ||
      m < 0 || m > 59 || sec < 0 || sec >= 61 || year < 1900 || year > 9999)
    return FALSE;
  tm.tm_year = year - 1900;
  tm.tm_mday = day;
  tm.tm_hour = h;
  tm.tm_min = m;
  tm.tm_sec = (int) sec;
  tm.tm_isdst = -1;
  frac_ns = (gint64) ((sec - (int) sec) * 1e9 + 0.5);
  t = utc ? timegm (&tm) : mktime (&tm);
  if (t == (time_t) -1 && !(utc && year == 1969))
    return FALSE;
  /* Nanoseconds in 64 bits end in April 2262.  Later literals are valid
   * dates, so they clamp: no frame time is later, and the comparisons still
   * answer as they would with unbounded times. */
  if (__builtin_mul_overflow ((gint64) t, G_GINT64_CONSTANT (1000000000), ns) ||
      __builtin_add_overflow (*ns, frac_ns, ns))
    *ns = t < 0 ? G_MININT64 : G_MAXINT64;
  return TRUE;
}

static void
set_const (DfAst     *ast,
           DfValue   *v,
           GBytes    *owned)
{
  DfAst *a = ast->a, *b = ast->b;

  ast->a = ast->b = NULL;
  df_ast_free (a);
  df_ast_free (b);
  g_clear_pointer (&ast->args, g_ptr_array_unref);
  ast->kind = DF_AST_CONST;
  ast->value = *v;
  g_clear_pointer (&ast->owned, g_bytes_unref);
  ast->owned = owned;
  if (owned != NULL)
    {
      ast->value.ptr = g_bytes_get_data (owned, NULL);
      ast->value.len = (guint32) g_bytes_get_size (owned);
    }
}

static gboolean convert_const (Checker *c, DfAst *ast, RemoraFieldType type, const RemoraFieldInfo *info);

static gboolean
convert_integer (Checker               *c,
                 DfAst                 *ast,
                 RemoraFieldType        type,
                 const RemoraFieldInfo *info)
{
  gboolean is_signed = remora_field_type_is_signed (type);
  guint width = remora_field_type_width (type);
  g_autofree char *t = src_text (c, ast);
  DfValue v = { 0 };
  guint64 u = 0;
  gboolean negative = FALSE;

  if (ast->kind == DF_AST_NEG)
    {
      if (!convert_const (c, ast->a, is_signed ? type : REMORA_FT_INT64, info))
        return FALSE;
      v = ast->a->value;
      if (v.kind == DF_V_INT)
        v.i = -v.i;
      else
        {
          v.kind = DF_V_INT;
          v.i = -(gint64) v.u;
        }
      set_const (ast, &v, NULL);
      return TRUE;
    }
  if (ast->kind == DF_AST_CHARCONST)
    u = ast->charval;
  else if (ast->kind == DF_AST_LITERAL)
    {
      if (!parse_uint64 (ast->text, &u) && !lookup_value_name (info, ast->text, &u))
        {
          if (info != NULL && info->strings != NULL && !(info->base & REMORA_BASE_UNIT_STRING) &&
              !g_ascii_isdigit (ast->text[0]))
            df_set_error (c->error, ast->start, ast->len,
                          "\"%s\" cannot be found among the possible values for %s.", ast->text, info->abbrev);
          else
            df_set_error (c->error, ast->start, ast->len, "\"%s\" is not a valid number.", ast->text);
          return FALSE;
        }
    }
  else if (ast->kind == DF_AST_STRING)
    {
      if (!lookup_value_name (info, ast->text, &u))
        {
          if (info != NULL && info->strings != NULL && !(info->base & REMORA_BASE_UNIT_STRING))
            df_set_error (c->error, ast->start, ast->len,
                          "\"%s\" cannot be found among the possible values for %s.", ast->text, info->abbrev);
          else
            df_set_error (c->error, ast->start, ast->len, "%s cannot be converted from a string (\"%s\").",
                          df_type_pretty_name (type), ast->text);
          return FALSE;
        }
    }
  else
    {
      df_set_error (c->error, ast->start, ast->len, "\"%s\" is not a valid number.", t);
      return FALSE;
    }

  if (width > 0 && width < 8)
    {
      guint64 max = is_signed ? (G_GUINT64_CONSTANT (1) << (width * 8 - 1)) - 1
                              : (G_GUINT64_CONSTANT (1) << (width * 8)) - 1;
      if (u > max)
        {
          df_set_error (c->error, ast->start, ast->len, "\"%s\" too big for this field, maximum %" G_GUINT64_FORMAT ".",
                        t, max);
          return FALSE;
        }
    }
  else if (is_signed && u > (guint64) G_MAXINT64)
    {
      df_set_error (c->error, ast->start, ast->len, "\"%s\" too big for this field, maximum %" G_GINT64_FORMAT ".",
                    t, G_MAXINT64);
      return FALSE;
    }
  (void) negative;
  if (is_signed)
    {
      v.kind = DF_V_INT;
      v.i = (gint64) u;
    }
  else
    {
      v.kind = DF_V_UINT;
      v.u = u;
    }
  set_const (ast, &v, NULL);
  return TRUE;
}

/* A constant expression on the right, `tcp.port == 1 + 2 * 3`, becomes one
 * constant of the field's type before compiling, as in Wireshark: each
 * operand is read as the field reads a literal (so "70000" is too big
 * for a port), and a result out of the field's range simply matches
 * nothing. */
static gboolean
fold_arith (Checker               *c,
            DfAst                 *ast,
            RemoraFieldType        type,
            const RemoraFieldInfo *info)
{
  DfValueKind kind = df_value_kind_for (type);
  g_autofree char *t = src_text (c, ast);
  DfValue v = { 0 };
  const DfValue *x, *y;

  if (ast->a->kind == DF_AST_STRING)
    {
      df_set_error (c->error, ast->a->start, ast->a->len, "\"%s\" is not a valid arithmetic operand.",
                    ast->a->text);
      return FALSE;
    }
  /* Relative times add and subtract; numbers take every operator. */
  if ((kind != DF_V_UINT && kind != DF_V_INT && kind != DF_V_DOUBLE && kind != DF_V_TIME) ||
      type == REMORA_FT_ABSOLUTE_TIME ||
      (kind == DF_V_TIME && ast->op != DF_TOK_PLUS && ast->op != DF_TOK_MINUS) ||
      (kind == DF_V_DOUBLE && (ast->op == DF_TOK_PERCENT || ast->op == DF_TOK_BITAND)))
    {
      df_set_error (c->error, ast->a->start, ast->a->len, "%s cannot %s.",
                    remora_field_type_name (type), df_token_name (ast->op));
      return FALSE;
    }
  if (!convert_const (c, ast->a, type, info) || !convert_const (c, ast->b, type, info))
    return FALSE;
  x = &ast->a->value;
  y = &ast->b->value;

  if (kind == DF_V_DOUBLE || kind == DF_V_TIME)
    {
      double dx = kind == DF_V_TIME ? x->i / 1e9 : x->d;
      double dy = kind == DF_V_TIME ? y->i / 1e9 : y->d;
      double r;

      switch (ast->op)
        {
        case DF_TOK_PLUS: r = dx + dy; break;
        case DF_TOK_MINUS: r = dx - dy; break;
        case DF_TOK_STAR: r = dx * dy; break;
        case DF_TOK_SLASH:
        default: r = dy != 0 ? dx / dy : NAN; break;
        }
      if (!isfinite (r) || (kind == DF_V_TIME && fabs (r) > 9.2e9))
        {
          df_set_error (c->error, ast->start, ast->len, "\"%s\" has no value.", t);
          return FALSE;
        }
      v.kind = kind;
      if (kind == DF_V_TIME)
        v.i = (gint64) (r * 1e9 + (r < 0 ? -0.5 : 0.5));
      else
        v.d = r;
    }
  else
    {
      gint64 ix = x->kind == DF_V_INT ? x->i : (gint64) x->u;
      gint64 iy = y->kind == DF_V_INT ? y->i : (gint64) y->u;
      gint64 r;

      if (!df_int_arith (ast->op, ix, iy, &r))
        {
          df_set_error (c->error, ast->start, ast->len, "\"%s\" has no value.", t);
          return FALSE;
        }
      if (r < 0 || remora_field_type_is_signed (type))
        {
          v.kind = DF_V_INT;
          v.i = r;
        }
      else
        {
          v.kind = DF_V_UINT;
          v.u = (guint64) r;
        }
    }
  set_const (ast, &v, NULL);
  return TRUE;
}

static gboolean
convert_const (Checker               *c,
               DfAst                 *ast,
               RemoraFieldType        type,
               const RemoraFieldInfo *info)
{
  DfValueKind kind = df_value_kind_for (type);
  g_autofree char *t = src_text (c, ast);
  DfValue v = { 0 };

  if (ast->kind == DF_AST_CONST)
    return TRUE;
  if (ast->kind == DF_AST_ARITH)
    return fold_arith (c, ast, type, info);
  if (ast->kind != DF_AST_LITERAL && ast->kind != DF_AST_STRING &&
      ast->kind != DF_AST_CHARCONST && ast->kind != DF_AST_NEG)
    {
      df_set_error (c->error, ast->start, ast->len, "\"%s\" was unexpected in this context.", t);
      return FALSE;
    }
  if (ast->kind == DF_AST_NEG && kind != DF_V_UINT && kind != DF_V_INT &&
      kind != DF_V_DOUBLE && kind != DF_V_TIME)
    {
      df_set_error (c->error, ast->start, ast->len, "%s is not a valid arithmetic operand.", t);
      return FALSE;
    }

  switch (kind)
    {
    case DF_V_UINT:
    case DF_V_INT:
      return convert_integer (c, ast, type, info);

    case DF_V_BOOL:
      {
        guint64 u;

        if (ast->kind == DF_AST_NEG)
          {
            df_set_error (c->error, ast->start, ast->len, "%s is not a valid arithmetic operand.", t);
            return FALSE;
          }
        if (ast->kind == DF_AST_CHARCONST)
          u = ast->charval;
        else if (ast->kind == DF_AST_LITERAL && parse_uint64 (ast->text, &u))
          ;
        else if (g_ascii_strcasecmp (ast->text, "true") == 0)
          u = 1;
        else if (g_ascii_strcasecmp (ast->text, "false") == 0)
          u = 0;
        else if (!lookup_value_name (info, ast->text, &u))
          {
            df_set_error (c->error, ast->start, ast->len,
                          "\"%s\" cannot be found among the possible values for %s.",
                          ast->text, info ? info->abbrev : "boolean");
            return FALSE;
          }
        v.kind = DF_V_BOOL;
        v.u = u != 0;
        break;
      }

    case DF_V_DOUBLE:
    case DF_V_TIME:
      {
        gboolean neg = FALSE;
        DfAst *lit = ast;
        char *end;
        double d;

        while (lit->kind == DF_AST_NEG)
          neg = !neg, lit = lit->a;
        if (type == REMORA_FT_ABSOLUTE_TIME)
          {
            gint64 ns;
            if (ast->kind == DF_AST_CHARCONST || lit != ast || !parse_abs_time (ast->text, &ns))
              {
                df_set_error (c->error, ast->start, ast->len,
                              "\"%s\" is not a valid absolute time. Example: \"Nov 12, 1999 08:55:44.123\" or \"2011-07-04 12:34:56\"",
                              ast->kind == DF_AST_CHARCONST ? t : ast->text);
                return FALSE;
              }
            v.kind = DF_V_TIME;
            v.i = ns;
            break;
          }
        if (lit->kind != DF_AST_LITERAL)
          {
            if (lit->kind == DF_AST_STRING)
              df_set_error (c->error, ast->start, ast->len, "%s cannot be converted from a string (\"%s\").",
                            df_type_pretty_name (type), lit->text);
            else
              df_set_error (c->error, ast->start, ast->len, "\"%s\" is not a valid number.", t);
            return FALSE;
          }
        d = g_ascii_strtod (lit->text, &end);
        if (*end != '\0' || lit->text[0] == '\0' || !isfinite (d))
          {
            if (kind == DF_V_TIME)
              df_set_error (c->error, lit->start, lit->len, "\"%s\" is not a valid time.", lit->text);
            else
              df_set_error (c->error, lit->start, lit->len, "\"%s\" is not a valid floating-point number.", lit->text);
            return FALSE;
          }
        if (neg)
          d = -d;
        if (kind == DF_V_TIME)
          {
            gint64 exact;

            if (fabs (d) > 9.2e9)
              {
                df_set_error (c->error, lit->start, lit->len, "\"%s\" is not a valid time.", lit->text);
                return FALSE;
              }
            v.kind = DF_V_TIME;
            v.i = (gint64) (d * 1e9 + (d < 0 ? -0.5 : 0.5));
            if (parse_decimal_seconds (lit->text, &exact))
              v.i = neg ? -exact : exact;
          }
        else
          {
            v.kind = DF_V_DOUBLE;
            v.d = d;
          }
        break;
      }

    case DF_V_IPV4:
    case DF_V_IPV6:
      {
        gboolean v6 = kind == DF_V_IPV6;
        g_autofree char *addr = NULL;
        const char *slash;
        guint bits = v6 ? 128 : 32;
        guint8 buf[16];

        if (ast->kind != DF_AST_LITERAL)
          {
            if (ast->kind == DF_AST_STRING)
              df_set_error (c->error, ast->start, ast->len, "%s cannot be converted from a string (\"%s\").",
                            df_type_pretty_name (type), ast->text);
            else
              df_set_error (c->error, ast->start, ast->len, "\"%s\" is not a valid hostname or %s address.",
                            t, v6 ? "IPv6" : "IPv4");
            return FALSE;
          }
        slash = strchr (ast->text, '/');
        addr = slash ? g_strndup (ast->text, (gsize) (slash - ast->text)) : g_strdup (ast->text);
        if (inet_pton (v6 ? AF_INET6 : AF_INET, addr, buf) != 1)
          {
            df_set_error (c->error, ast->start, ast->len, "\"%s\" is not a valid hostname or %s address.",
                          addr, v6 ? "IPv6" : "IPv4");
            return FALSE;
          }
        if (slash != NULL)
          {
            char *e;
            guint64 b = g_ascii_strtoull (slash + 1, &e, 10);

            if (!g_ascii_isdigit (slash[1]) || *e != '\0')
              {
                df_set_error (c->error, ast->start, ast->len, "\"%s\" is not a valid number.", slash + 1);
                return FALSE;
              }
            if (b > bits)
              {
                if (v6)
                  df_set_error (c->error, ast->start, ast->len,
                                "Prefix in a CIDR IPv6 address should be <= 128, not %s", slash + 1);
                else
                  df_set_error (c->error, ast->start, ast->len,
                                "Netmask bits in a CIDR IPv4 address should be <= 32, not %s", slash + 1);
                return FALSE;
              }
            bits = (guint) b;
          }
        v.kind = kind;
        v.prefix = (guint8) bits;
        if (v6)
          memcpy (v.addr, buf, 16);
        else
          v.u = ((guint32) buf[0] << 24) | ((guint32) buf[1] << 16) | ((guint32) buf[2] << 8) | buf[3];
        break;
      }

    case DF_V_ETHER:
      {
        g_autoptr(GByteArray) bytes = NULL;

        if (ast->kind == DF_AST_LITERAL)
          bytes = parse_byte_string (ast->text);
        if (bytes == NULL)
          {
            if (ast->kind == DF_AST_STRING)
              df_set_error (c->error, ast->start, ast->len, "%s cannot be converted from a string (\"%s\").",
                            df_type_pretty_name (type), ast->text);
            else
              df_set_error (c->error, ast->start, ast->len, "\"%s\" is not a valid Ethernet address.", t);
            return FALSE;
          }
        if (bytes->len != 6)
          {
            df_set_error (c->error, ast->start, ast->len,
                          bytes->len > 6 ? "\"%s\" contains too many bytes to be a valid Ethernet address."
                                         : "\"%s\" contains too few bytes to be a valid Ethernet address.", t);
            return FALSE;
          }
        v.kind = DF_V_ETHER;
        memcpy (v.addr, bytes->data, 6);
        v.len = 6;
        break;
      }

    case DF_V_BYTES:
    case DF_V_STRING:
      {
        GBytes *owned;

        if (ast->kind == DF_AST_NEG)
          {
            df_set_error (c->error, ast->start, ast->len, "%s is not a valid arithmetic operand.", t);
            return FALSE;
          }
        if (ast->kind == DF_AST_STRING)
          owned = g_bytes_new (ast->text, ast->text_len);
        else if (ast->kind == DF_AST_CHARCONST)
          {
            guint8 b = (guint8) ast->charval;
            owned = g_bytes_new (&b, 1);
          }
        else if (kind == DF_V_STRING)
          owned = g_bytes_new (ast->text, ast->text_len);
        else
          {
            GByteArray *bytes = parse_byte_string (ast->text);

            if (bytes == NULL)
              {
                df_set_error (c->error, ast->start, ast->len, "\"%s\" is not a valid byte string.", ast->text);
                return FALSE;
              }
            owned = g_byte_array_free_to_bytes (bytes);
          }
        v.kind = kind;
        set_const (ast, &v, owned);
        return TRUE;
      }

    case DF_V_NONE:
    default:
      df_set_error (c->error, ast->start, ast->len, "%s cannot be compared.", t);
      return FALSE;
    }
  set_const (ast, &v, NULL);
  return TRUE;
}

/* ---- entities ---- */

static gboolean check_entity (Checker *c, DfAst *ast);
static const char *entity_name (Checker *c, const DfAst *ast, char **tmp);

static const RemoraFieldInfo *
field_info_of (const DfAst *ast)
{
  if (ast->kind == DF_AST_FIELD)
    return remora_field_get (ast->field_id);
  if (ast->kind == DF_AST_NEG || (ast->kind == DF_AST_FUNCTION && ast->args->len == 1 &&
                                  (g_str_equal (ast->text, "abs") || g_str_equal (ast->text, "max") ||
                                   g_str_equal (ast->text, "min"))))
    return field_info_of (ast->kind == DF_AST_NEG ? ast->a : g_ptr_array_index (ast->args, 0));
  return NULL;
}

static const char *
type_name_short (RemoraFieldType type)
{
  return remora_field_type_name (type);
}

static gboolean
check_function (Checker *c,
                DfAst   *ast)
{
  static const struct {
    const char *name;
    guint       min, max;
  } fns[] = {
    { "len", 1, 1 }, { "count", 1, 1 }, { "string", 1, 1 }, { "upper", 1, 1 },
    { "lower", 1, 1 }, { "abs", 1, 1 }, { "max", 1, G_MAXUINT }, { "min", 1, G_MAXUINT },
  };
  const char *name = ast->text;
  guint n = ast->args->len;
  gsize k;
  DfAst *arg0;

  for (k = 0; k < G_N_ELEMENTS (fns); k++)
    if (g_str_equal (fns[k].name, name))
      break;
  if (k == G_N_ELEMENTS (fns))
    {
      df_set_error (c->error, ast->start, (guint) strlen (name), "Function '%s' does not exist", name);
      return FALSE;
    }
  if (n < fns[k].min)
    {
      df_set_error (c->error, ast->start, ast->len, "Function %s needs at least %u arguments.", name, fns[k].min);
      return FALSE;
    }
  if (n > fns[k].max)
    {
      df_set_error (c->error, ast->start, ast->len, "Function %s can only accept %u arguments.", name, fns[k].max);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      DfAst *arg = g_ptr_array_index (ast->args, i);

      if (!is_constant (arg) && !check_entity (c, arg))
        return FALSE;
      if (arg->kind == DF_AST_LITERAL && remora_field_lookup (arg->text) >= 0 && !check_entity (c, arg))
        return FALSE;
    }
  arg0 = g_ptr_array_index (ast->args, 0);

  if (g_str_equal (name, "len"))
    {
      if (is_constant (arg0))
        {
          g_autofree char *t = src_text (c, arg0);
          df_set_error (c->error, arg0->start, arg0->len, "'%s' is not a valid argument to '%s'()", t, name);
          return FALSE;
        }
      ast->ftype = REMORA_FT_UINT32;
    }
  else if (g_str_equal (name, "count"))
    {
      if (arg0->kind != DF_AST_FIELD)
        {
          df_set_error (c->error, arg0->start, arg0->len, "Only fields can be used as parameter for count()");
          return FALSE;
        }
      ast->ftype = REMORA_FT_UINT32;
    }
  else if (g_str_equal (name, "upper") || g_str_equal (name, "lower"))
    {
      if (arg0->kind != DF_AST_FIELD || df_value_kind_for (arg0->ftype) != DF_V_STRING)
        {
          df_set_error (c->error, arg0->start, arg0->len, "Only string type fields can be used as parameter for %s()", name);
          return FALSE;
        }
      ast->ftype = REMORA_FT_STRING;
    }
  else if (g_str_equal (name, "string"))
    {
      DfValueKind vk;

      if (arg0->kind != DF_AST_FIELD)
        {
          df_set_error (c->error, arg0->start, arg0->len, "Only fields can be used as parameter for string()");
          return FALSE;
        }
      vk = df_value_kind_for (arg0->ftype);
      if (vk == DF_V_TIME || arg0->ftype == REMORA_FT_PROTOCOL || arg0->ftype == REMORA_FT_NONE)
        {
          df_set_error (c->error, arg0->start, arg0->len, "String conversion for field \"%s\" is not supported",
                        remora_field_get (arg0->field_id)->abbrev);
          return FALSE;
        }
      ast->ftype = REMORA_FT_STRING;
    }
  else
    {
      /* abs, max, min: one numeric type for all arguments */
      RemoraFieldType type = REMORA_FT_NONE;
      const RemoraFieldInfo *info = NULL;

      for (guint i = 0; i < n; i++)
        {
          DfAst *arg = g_ptr_array_index (ast->args, i);

          if (is_constant (arg))
            continue;
          if (type == REMORA_FT_NONE)
            {
              type = arg->ftype;
              info = field_info_of (arg);
            }
          else if (arg->ftype != type)
            {
              df_set_error (c->error, arg->start, arg->len,
                            "Arguments to '%s' must have the same type (expected %s, got %s)",
                            name, type_name_short (type), type_name_short (arg->ftype));
              return FALSE;
            }
        }
      if (type == REMORA_FT_NONE)
        {
          df_set_error (c->error, ast->start, ast->len, "Constant arithmetic expression on the LHS is invalid.");
          return FALSE;
        }
      {
        DfValueKind vk = df_value_kind_for (type);
        if (vk != DF_V_UINT && vk != DF_V_INT && vk != DF_V_DOUBLE && vk != DF_V_TIME &&
            !(vk == DF_V_IPV4 || vk == DF_V_STRING || vk == DF_V_BYTES || vk == DF_V_ETHER || vk == DF_V_IPV6))
          {
            g_autofree char *t = src_text (c, arg0);
            df_set_error (c->error, arg0->start, arg0->len, "Argument '%s' is not valid for %s()", t, name);
            return FALSE;
          }
        if (g_str_equal (name, "abs") && vk != DF_V_UINT && vk != DF_V_INT && vk != DF_V_DOUBLE && vk != DF_V_TIME)
          {
            g_autofree char *t = src_text (c, arg0);
            df_set_error (c->error, arg0->start, arg0->len, "Argument '%s' is not valid for %s()", t, name);
            return FALSE;
          }
      }
      for (guint i = 0; i < n; i++)
        {
          DfAst *arg = g_ptr_array_index (ast->args, i);

          if (is_constant (arg) && !convert_const (c, arg, type, info))
            return FALSE;
        }
      ast->ftype = type;
    }
  return TRUE;
}

static gboolean
is_integer_type (RemoraFieldType type)
{
  DfValueKind k = df_value_kind_for (type);

  return k == DF_V_UINT || k == DF_V_INT;
}

/* Resolves names and types of a non-constant entity (sets ast->ftype). */
static gboolean
check_entity (Checker *c,
              DfAst   *ast)
{
  switch (ast->kind)
    {
    case DF_AST_LITERAL:
      {
        int id = remora_field_lookup (ast->text);

        if (id < 0)
          {
            if (ast->has_layer)
              df_set_error (c->error, ast->start, (guint) strlen (ast->text),
                            "\"%s\" is not a valid protocol or protocol field.", ast->text);
            else
              df_set_error (c->error, ast->start, ast->len, "%s is neither a field nor a protocol name.", ast->text);
            return FALSE;
          }
        ast->kind = DF_AST_FIELD;
        ast->field_id = id;
        ast->ftype = remora_field_get (id)->type;
        return TRUE;
      }
    case DF_AST_FIELD:
    case DF_AST_CONST:
      return TRUE;
    case DF_AST_STRING:
    case DF_AST_CHARCONST:
      {
        g_autofree char *t = src_text (c, ast);
        df_set_error (c->error, ast->start, ast->len, "%s is neither a field nor a protocol name.", t);
        return FALSE;
      }
    case DF_AST_SLICE:
      {
        DfAst *e = ast->a;

        if (e->kind == DF_AST_STRING || e->kind == DF_AST_CHARCONST ||
            (e->kind == DF_AST_LITERAL && remora_field_lookup (e->text) < 0 && !e->has_layer))
          {
            g_autofree char *t = src_text (c, e);
            df_set_error (c->error, e->start, e->len, "Range is not supported for entity %s", t);
            return FALSE;
          }
        if (!check_entity (c, e))
          return FALSE;
        if (!is_sliceable (e->ftype))
          {
            g_autofree char *t = src_text (c, e);
            if (e->kind == DF_AST_FUNCTION)
              df_set_error (c->error, e->start, e->len,
                            "Return value of function \"%s\" is a %s and cannot be converted into a sequence of bytes.",
                            e->text, df_type_pretty_name (e->ftype));
            else
              df_set_error (c->error, e->start, e->len,
                            "\"%s\" is a %s and cannot be sliced into a sequence of bytes.",
                            e->kind == DF_AST_FIELD ? remora_field_get (e->field_id)->abbrev : t,
                            df_type_pretty_name (e->ftype));
            return FALSE;
          }
        ast->ftype = REMORA_FT_BYTES;
        return TRUE;
      }
    case DF_AST_FUNCTION:
      return check_function (c, ast);
    case DF_AST_NEG:
      if (is_constant (ast->a))
        {
          df_set_error (c->error, ast->start, ast->len, "Constant arithmetic expression on the LHS is invalid.");
          return FALSE;
        }
      if (!check_entity (c, ast->a))
        return FALSE;
      {
        DfValueKind k = df_value_kind_for (ast->a->ftype);
        if (k != DF_V_UINT && k != DF_V_INT && k != DF_V_DOUBLE && k != DF_V_TIME)
          {
            g_autofree char *t = src_text (c, ast->a);
            df_set_error (c->error, ast->a->start, ast->a->len, "%s is not a valid arithmetic operand.", t);
            return FALSE;
          }
        ast->ftype = k == DF_V_UINT ? REMORA_FT_INT64 : ast->a->ftype;
      }
      return TRUE;
    case DF_AST_ARITH:
      {
        gboolean ca = is_constant (ast->a), cb = is_constant (ast->b);
        DfAst *typed, *other;

        if (ca && cb)
          {
            df_set_error (c->error, ast->start, ast->len, "Constant arithmetic expression on the LHS is invalid.");
            return FALSE;
          }
        if (!ca && !check_entity (c, ast->a))
          return FALSE;
        if (!cb && !check_entity (c, ast->b))
          return FALSE;
        typed = ca ? ast->b : ast->a;
        other = ca ? ast->a : ast->b;
        if (ast->op == DF_TOK_BITAND)
          {
            /* tshark names the first operand whose type has no "&" */
            DfAst *ops[2] = { ast->a, ast->b };

            for (guint k = 0; k < 2; k++)
              if (!is_constant (ops[k]) && !bitand_capable (ops[k]->ftype))
                {
                  df_set_error (c->error, ops[k]->start, ops[k]->len, "%s cannot &.",
                                remora_field_type_name (ops[k]->ftype));
                  return FALSE;
                }
          }
        if (ast->op == DF_TOK_BITAND && is_address_kind (df_value_kind_for (typed->ftype)))
          {
            /* ip.src & 255.0.0.0: the result is an address of the same type */
            if (ca || cb)
              {
                if (!convert_const (c, other, typed->ftype, NULL))
                  return FALSE;
              }
            else if (df_value_kind_for (other->ftype) != df_value_kind_for (typed->ftype))
              {
                g_autofree char *t1 = NULL, *t2 = NULL;
                df_set_error (c->error, other->start, other->len, "%s and %s are not type compatible.",
                              entity_name (c, typed, &t1), entity_name (c, other, &t2));
                return FALSE;
              }
            ast->ftype = typed->ftype;
            return TRUE;
          }
        if (ast->op == DF_TOK_BITAND && df_value_kind_for (typed->ftype) == DF_V_BYTES)
          {
            /* eth.dst[0] & 1: a byte-wise and, non-zero when any bit stays */
            if (ca || cb)
              {
                if (!convert_const (c, other, REMORA_FT_BYTES, NULL))
                  return FALSE;
              }
            else if (df_value_kind_for (other->ftype) != DF_V_BYTES)
              {
                g_autofree char *t = src_text (c, other);
                df_set_error (c->error, other->start, other->len, "%s is not a valid arithmetic operand.", t);
                return FALSE;
              }
            ast->ftype = REMORA_FT_BYTES;
            return TRUE;
          }
        if (!is_integer_type (typed->ftype))
          {
            g_autofree char *t = src_text (c, typed);
            df_set_error (c->error, typed->start, typed->len, "%s is not a valid arithmetic operand.", t);
            return FALSE;
          }
        if (ca || cb)
          {
            if (!convert_const (c, other, typed->ftype, NULL))
              return FALSE;
          }
        else if (!is_integer_type (other->ftype))
          {
            g_autofree char *t = src_text (c, other);
            df_set_error (c->error, other->start, other->len, "%s is not a valid arithmetic operand.", t);
            return FALSE;
          }
        ast->ftype = (remora_field_type_is_signed (ast->a->ftype) || remora_field_type_is_signed (ast->b->ftype) ||
                      ast->op == DF_TOK_MINUS)
                     ? REMORA_FT_INT64 : REMORA_FT_UINT64;
        if (ast->op == DF_TOK_BITAND)
          ast->ftype = typed->ftype;
        return TRUE;
      }
    default:
      {
        g_autofree char *t = src_text (c, ast);
        df_set_error (c->error, ast->start, ast->len, "\"%s\" was unexpected in this context.", t);
        return FALSE;
      }
    }
}

static const char *
entity_name (Checker     *c,
             const DfAst *ast,
             char       **tmp)
{
  if (ast->kind == DF_AST_FIELD)
    return remora_field_get (ast->field_id)->abbrev;
  *tmp = src_text (c, ast);
  return *tmp;
}

/* LHS of a relation: anything but a constant. */
static gboolean
check_lhs (Checker    *c,
           DfAst      *lhs,
           const char *op_text)
{
  /* Wireshark refuses a constant first operand on the left (`2 * tcp.port
   * == 160`), while `tcp.port * 2` and a constant right side are fine. */
  if (lhs->kind == DF_AST_ARITH && is_constant (lhs->a))
    {
      df_set_error (c->error, lhs->start, lhs->len, "Constant arithmetic expression on the LHS is invalid.");
      return FALSE;
    }
  if (is_constant (lhs) && !(lhs->kind == DF_AST_LITERAL && remora_field_lookup (lhs->text) >= 0))
    {
      g_autofree char *t = src_text (c, lhs);
      if (lhs->kind == DF_AST_LITERAL && lhs->has_layer)
        return check_entity (c, lhs);
      df_set_error (c->error, lhs->start, lhs->len, "Left side of \"%s\" expression must be a field or function, not %s.",
                    op_text, lhs->kind == DF_AST_LITERAL ? lhs->text : t);
      return FALSE;
    }
  return check_entity (c, lhs);
}

/* RHS (or a set element) meeting LHS. */
static gboolean
check_rhs (Checker *c,
           DfAst   *lhs,
           DfAst   *rhs)
{
  const RemoraFieldInfo *info = field_info_of (lhs);

  if (rhs->kind == DF_AST_LITERAL && remora_field_lookup (rhs->text) >= 0)
    {
      if (!check_entity (c, rhs))
        return FALSE;
    }
  else if (rhs->kind == DF_AST_LITERAL && rhs->has_layer)
    return check_entity (c, rhs);

  if (is_constant (rhs))
    return convert_const (c, rhs, lhs->ftype, info);
  if (!check_entity (c, rhs))
    return FALSE;
  if (type_class (lhs->ftype) != type_class (rhs->ftype) &&
      !(is_bytes_like (lhs->ftype) && is_bytes_like (rhs->ftype)) &&
      !(df_value_kind_for (lhs->ftype) == DF_V_ETHER && is_bytes_like (rhs->ftype)) &&
      !(df_value_kind_for (rhs->ftype) == DF_V_ETHER && is_bytes_like (lhs->ftype)))
    {
      g_autofree char *t1 = NULL, *t2 = NULL;
      df_set_error (c->error, rhs->start, rhs->len, "%s and %s are not of compatible types.",
                    entity_name (c, lhs, &t1), entity_name (c, rhs, &t2));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_test (Checker *c,
            DfAst   *ast)
{
  switch (ast->kind)
    {
    case DF_AST_AND:
    case DF_AST_OR:
      return check_test (c, ast->a) && check_test (c, ast->b);
    case DF_AST_NOT:
      return check_test (c, ast->a);
    case DF_AST_BARE:
      {
        DfAst *e = ast->a;

        if (e->kind == DF_AST_FUNCTION)
          {
            df_set_error (c->error, e->start, (guint) strlen (e->text), "You cannot test whether a function is present.");
            return FALSE;
          }
        if (e->kind == DF_AST_ARITH && is_constant (e->a))
          {
            df_set_error (c->error, e->start, e->len, "Constant arithmetic expression on the LHS is invalid.");
            return FALSE;
          }
        return check_entity (c, e);
      }
    case DF_AST_TEST:
      {
        const char *op = ast->text;
        DfValueKind lk;

        if (!check_lhs (c, ast->a, op))
          return FALSE;
        lk = df_value_kind_for (ast->a->ftype);
        if (ast->op == DF_TOK_CONTAINS || ast->op == DF_TOK_MATCHES)
          {
            /* a MAC address is searched as its six bytes, as in tshark */
            if (lk != DF_V_BYTES && lk != DF_V_STRING && lk != DF_V_ETHER)
              {
                g_autofree char *t = NULL;
                df_set_error (c->error, ast->a->start, ast->a->len, "%s (type=%s) cannot participate in %s comparison.",
                              entity_name (c, ast->a, &t), df_type_pretty_name (ast->a->ftype),
                              ast->op == DF_TOK_CONTAINS ? "contains" : "matches");
                return FALSE;
              }
          }
        if (ast->op == DF_TOK_MATCHES)
          {
            g_autoptr(GError) err = NULL;

            if (ast->b->kind != DF_AST_STRING)
              {
                df_set_error (c->error, ast->b->start, ast->b->len,
                              "Matches requires a double quoted string on the right side.");
                return FALSE;
              }
            /* case-insensitive unless the pattern says "(?-i)", as 4.0 */
            ast->regex = g_regex_new (ast->b->text, G_REGEX_CASELESS | G_REGEX_OPTIMIZE | G_REGEX_RAW, 0, &err);
            if (ast->regex == NULL)
              {
                df_set_error (c->error, ast->b->start, ast->b->len, "Regex compilation error: %s.", err->message);
                return FALSE;
              }
            return convert_const (c, ast->b, REMORA_FT_STRING, NULL);
          }
        if (ast->op == DF_TOK_CONTAINS && ast->b->kind == DF_AST_LITERAL &&
            remora_field_lookup (ast->b->text) < 0 && (lk == DF_V_BYTES || lk == DF_V_ETHER))
          {
            /* 4.0 reads an unquoted right side of contains as bytes */
            return convert_const (c, ast->b, REMORA_FT_BYTES, NULL);
          }
        /* booleans order too (false < true), as in tshark 4.0 */
        return check_rhs (c, ast->a, ast->b);
      }
    case DF_AST_IN:
      {
        DfAst *lhs = ast->a;

        if (is_constant (lhs) && !(lhs->kind == DF_AST_LITERAL && remora_field_lookup (lhs->text) >= 0))
          {
            df_set_error (c->error, lhs->start, lhs->len, "Only a field may be tested for membership in a set.");
            return FALSE;
          }
        if (!check_entity (c, lhs))
          return FALSE;
        for (guint i = 0; i < ast->args->len; i++)
          {
            DfAst *el = g_ptr_array_index (ast->args, i);

            if (el->kind == DF_AST_SLICE)
              {
                df_set_error (c->error, el->start, el->len, "A slice may not appear inside a set.");
                return FALSE;
              }
            if (el->kind == DF_AST_ARITH)
              {
                /* Wireshark's grammar has no arithmetic inside a set and
                 * names the operator. */
                guint at = el->a->start + el->a->len;

                while (at < el->start + el->len && c->text[at] == ' ')
                  at++;
                df_set_error (c->error, at, 1, "\"%c\" was unexpected in this context.", c->text[at]);
                return FALSE;
              }
            if (el->kind == DF_AST_RANGE)
              {
                if (!check_rhs (c, lhs, el->a) || !check_rhs (c, lhs, el->b))
                  return FALSE;
              }
            else if (!check_rhs (c, lhs, el))
              return FALSE;
          }
        return TRUE;
      }
    default:
      {
        g_autofree char *t = src_text (c, ast);
        df_set_error (c->error, ast->start, ast->len, "\"%s\" was unexpected in this context.", t);
        return FALSE;
      }
    }
}

gboolean
df_check (DfAst               *root,
          const char          *text,
          GPtrArray           *warnings,
          RemoraDfilterError **error)
{
  Checker c = { text, warnings, error };

  if (root == NULL)
    return TRUE;
  if (!check_test (&c, root))
    {
      df_set_error (error, 0, (guint) strlen (text), "Invalid filter.");
      return FALSE;
    }
  return TRUE;
}
