/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-dfilter"

#include "config.h"

#include "remora-dfilter-private.h"

#include <arpa/inet.h>
#include <string.h>

/* Evaluation over a packet dissected in fields mode.  A field is the
 * multiset of the packet's nodes carrying one of its ids.  Values that need
 * bytes of their own (slices, string()) go to the expression's scratch
 * array, which only grows: after a few packets nothing is allocated. */

static inline gboolean
id_matches (const DfExpr *e,
            int           field)
{
  if (field == e->first_id)
    return TRUE;
  for (guint i = 1; i < e->n_ids; i++)
    if (e->ids[i] == field)
      return TRUE;
  return FALSE;
}

static inline void
node_value (const DfExpr       *e,
            const RemoraPacket *pkt,
            const RemoraNode   *node,
            DfValue            *v)
{
  v->kind = (guint8) e->vkind;
  v->len = node->length;
  v->prefix = 0;
  switch (e->vkind)
    {
    case DF_V_UINT:
    case DF_V_BOOL:
      v->u = node->value.u;
      break;
    case DF_V_INT:
    case DF_V_TIME:
      v->i = node->value.i;
      break;
    case DF_V_DOUBLE:
      v->d = node->value.d;
      break;
    case DF_V_IPV4:
      v->u = node->value.u & 0xffffffffu;
      v->prefix = 32;
      break;
    case DF_V_IPV6:
      memcpy (v->addr, node->value.addr, 16);
      v->prefix = 128;
      break;
    case DF_V_ETHER:
      memcpy (v->addr, node->value.addr, 6);
      break;
    case DF_V_BYTES:
    case DF_V_STRING:
      if (e->ftype == REMORA_FT_PROTOCOL || e->ftype == REMORA_FT_NONE)
        {
          /* a protocol's value is its bytes in its data source */
          const RemoraDataSource *src = node->source < pkt->n_sources ? &pkt->sources[node->source] : NULL;

          if (src == NULL || src->data == NULL || node->start > src->length)
            {
              v->ptr = (const guint8 *) "";
              v->len = 0;
            }
          else
            {
              v->ptr = src->data + node->start;
              v->len = MIN (node->length, src->length - node->start);
            }
        }
      else
        {
          v->ptr = node->value.bytes.ptr != NULL ? node->value.bytes.ptr : (const guint8 *) "";
          v->len = node->value.bytes.len;
        }
      break;
    case DF_V_NONE:
    default:
      v->u = 0;
      break;
    }
}

/* Is NODE one of E's?  Counts E's protocol layers on the way, since a
 * field's layer is the number of its protocol's nodes seen before it. */
static inline gboolean
node_selected (const DfExpr     *e,
               const RemoraNode *node,
               guint            *layer)
{
  if (e->layer_proto < 0)
    return id_matches (e, node->field);
  if (node->field == e->layer_proto)
    (*layer)++;
  return id_matches (e, node->field) && (int) *layer >= e->layer_lo && (int) *layer <= e->layer_hi;
}

/* Runs the statement after it for each node of E. */
#define FOR_EACH_NODE(e, pkt, node)                                              \
  for (guint _i = 0, _n = (pkt)->nodes->len, _layer = 0; _i < _n; _i++)          \
    for (const RemoraNode *node = &g_array_index ((pkt)->nodes, RemoraNode, _i), \
         *_once = node; _once != NULL; _once = NULL)                             \
      if (node_selected ((e), node, &_layer))

static const guint8 *
find_bytes (const guint8 *hay,
            gsize         hay_len,
            const guint8 *needle,
            gsize         needle_len)
{
  if (needle_len == 0)
    return hay;
  while (hay_len >= needle_len)
    {
      const guint8 *p = memchr (hay, needle[0], hay_len - needle_len + 1);

      if (p == NULL)
        return NULL;
      if (memcmp (p, needle, needle_len) == 0)
        return p;
      hay_len -= (gsize) (p - hay) + 1;
      hay = p + 1;
    }
  return NULL;
}

static GArray *expr_values (DfExpr *e, const RemoraPacket *pkt);

/* The bytes of V as on the wire, into BUF (at least 16 bytes) or in place. */
static const guint8 *
value_bytes (const DfValue *v,
             guint8        *buf,
             guint32       *len)
{
  switch ((DfValueKind) v->kind)
    {
    case DF_V_BYTES:
    case DF_V_STRING:
      *len = v->len;
      return v->ptr;
    case DF_V_ETHER:
      *len = 6;
      return v->addr;
    case DF_V_IPV6:
      *len = 16;
      return v->addr;
    case DF_V_IPV4:
      buf[0] = (guint8) (v->u >> 24);
      buf[1] = (guint8) (v->u >> 16);
      buf[2] = (guint8) (v->u >> 8);
      buf[3] = (guint8) v->u;
      *len = 4;
      return buf;
    default:
      *len = 0;
      return buf;
    }
}

/* Offsets stand in for pointers while the scratch array may still move. */
static void
fix_scratch_pointers (DfExpr *e,
                      guint   from)
{
  for (guint i = from; i < e->vals->len; i++)
    {
      DfValue *v = &g_array_index (e->vals, DfValue, i);
      guint64 off = v->u;

      /* an empty array may have no storage: NULL + 0 is still UB */
      v->ptr = e->scratch->data != NULL ? e->scratch->data + off : (const guint8 *) "";
    }
}

static void
eval_slice (DfExpr             *e,
            const RemoraPacket *pkt)
{
  GArray *in = expr_values (e->a, pkt);

  g_byte_array_set_size (e->scratch, 0);
  for (guint i = 0; i < in->len; i++)
    {
      const DfValue *src = &g_array_index (in, DfValue, i);
      guint8 buf[16];
      guint32 len;
      const guint8 *data = value_bytes (src, buf, &len);
      guint start_off = e->scratch->len;
      gboolean ok = TRUE;
      DfValue out = { 0 };

      for (guint r = 0; r < e->n_ranges && ok; r++)
        {
          const DfRange *range = &e->ranges[r];
          gint64 s = range->start, n;

          if (s < 0)
            s += len;
          switch ((DfRangeKind) range->kind)
            {
            case DF_RANGE_LEN: n = range->len; break;
            case DF_RANGE_END:
              {
                gint64 end = range->len < 0 ? range->len + (gint64) len : range->len;
                n = end - s + 1;
                break;
              }
            case DF_RANGE_TO_END:
            default: n = (gint64) len - s; break;
            }
          if (s < 0 || n <= 0 || s + n > (gint64) len)
            ok = FALSE;
          else
            g_byte_array_append (e->scratch, data + s, (guint) n);
        }
      if (!ok)
        {
          g_byte_array_set_size (e->scratch, start_off);
          continue;
        }
      out.kind = DF_V_BYTES;
      out.len = e->scratch->len - start_off;
      out.u = start_off;
      g_array_append_val (e->vals, out);
    }
  fix_scratch_pointers (e, 0);
}

static void
append_string_value (DfExpr        *e,
                     const DfValue *v)
{
  GString *s = e->tmp;
  DfValue out = { 0 };
  guint8 buf[16];

  g_string_truncate (s, 0);
  switch ((DfValueKind) v->kind)
    {
    case DF_V_UINT: g_string_append_printf (s, "%" G_GUINT64_FORMAT, v->u); break;
    case DF_V_INT: g_string_append_printf (s, "%" G_GINT64_FORMAT, v->i); break;
    case DF_V_BOOL: g_string_append (s, v->u ? "1" : "0"); break;
    case DF_V_DOUBLE:
      {
        char d[G_ASCII_DTOSTR_BUF_SIZE];
        g_string_append (s, g_ascii_dtostr (d, sizeof d, v->d));
        break;
      }
    case DF_V_IPV4:
      value_bytes (v, buf, &out.len);
      g_string_append_printf (s, "%u.%u.%u.%u", buf[0], buf[1], buf[2], buf[3]);
      break;
    case DF_V_IPV6:
      {
        char t[INET6_ADDRSTRLEN];

        if (inet_ntop (AF_INET6, v->addr, t, sizeof t) != NULL)
          g_string_append (s, t);
        break;
      }
    case DF_V_ETHER:
      for (int k = 0; k < 6; k++)
        g_string_append_printf (s, k ? ":%02x" : "%02x", v->addr[k]);
      break;
    case DF_V_STRING:
      g_string_append_len (s, (const char *) v->ptr, v->len);
      break;
    case DF_V_BYTES:
      for (guint k = 0; k < v->len; k++)
        g_string_append_printf (s, k ? ":%02x" : "%02x", v->ptr[k]);
      break;
    default:
      break;
    }
  if (e->fn == DF_FN_UPPER || e->fn == DF_FN_LOWER)
    for (gsize k = 0; k < s->len; k++)
      s->str[k] = e->fn == DF_FN_UPPER ? g_ascii_toupper (s->str[k]) : g_ascii_tolower (s->str[k]);
  out.kind = DF_V_STRING;
  out.len = (guint32) s->len;
  out.u = e->scratch->len;
  g_byte_array_append (e->scratch, (const guint8 *) s->str, (guint) s->len);
  g_array_append_val (e->vals, out);
}

static gboolean value_less (const DfValue *a, const DfValue *b);

static void
eval_func (DfExpr             *e,
           const RemoraPacket *pkt)
{
  switch (e->fn)
    {
    case DF_FN_COUNT:
      {
        DfValue v = { .kind = DF_V_UINT };
        DfExpr *f = e->args[0];

        FOR_EACH_NODE (f, pkt, node)
          v.u++;
        g_array_append_val (e->vals, v);
        break;
      }
    case DF_FN_LEN:
      {
        GArray *in = expr_values (e->args[0], pkt);

        for (guint i = 0; i < in->len; i++)
          {
            const DfValue *src = &g_array_index (in, DfValue, i);
            DfValue v = { .kind = DF_V_UINT };

            v.u = src->kind == DF_V_ETHER ? 6 : src->kind == DF_V_IPV6 ? 16 : src->len;
            g_array_append_val (e->vals, v);
          }
        break;
      }
    case DF_FN_STRING:
    case DF_FN_UPPER:
    case DF_FN_LOWER:
      {
        GArray *in = expr_values (e->args[0], pkt);

        g_byte_array_set_size (e->scratch, 0);
        for (guint i = 0; i < in->len; i++)
          append_string_value (e, &g_array_index (in, DfValue, i));
        fix_scratch_pointers (e, 0);
        break;
      }
    case DF_FN_ABS:
      {
        GArray *in = expr_values (e->args[0], pkt);

        for (guint i = 0; i < in->len; i++)
          {
            DfValue v = g_array_index (in, DfValue, i);

            if ((v.kind == DF_V_INT || v.kind == DF_V_TIME) && v.i < 0 && v.i != G_MININT64)
              v.i = -v.i;
            else if (v.kind == DF_V_DOUBLE && v.d < 0)
              v.d = -v.d;
            g_array_append_val (e->vals, v);
          }
        break;
      }
    case DF_FN_MAX:
    case DF_FN_MIN:
      {
        DfValue best = { 0 };
        gboolean have = FALSE;

        for (guint k = 0; k < e->n_args; k++)
          {
            GArray *in = expr_values (e->args[k], pkt);

            for (guint i = 0; i < in->len; i++)
              {
                const DfValue *v = &g_array_index (in, DfValue, i);

                if (!have || (e->fn == DF_FN_MAX ? value_less (&best, v) : value_less (v, &best)))
                  best = *v;
                have = TRUE;
              }
          }
        if (have)
          g_array_append_val (e->vals, best);
        break;
      }
    default:
      break;
    }
}

static gboolean
to_int (const DfValue *v,
        gint64        *out)
{
  switch ((DfValueKind) v->kind)
    {
    case DF_V_UINT:
    case DF_V_BOOL:
      if (v->u > (guint64) G_MAXINT64)
        return FALSE;
      *out = (gint64) v->u;
      return TRUE;
    case DF_V_INT:
    case DF_V_TIME:
      *out = v->i;
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
df_int_arith (int     op,
              gint64  x,
              gint64  y,
              gint64 *r)
{
  /* An overflow or a division by zero has no value: the comparison it
   * feeds is simply not true, as for a missing field. */
  switch (op)
    {
    case DF_TOK_PLUS:
      return !__builtin_add_overflow (x, y, r);
    case DF_TOK_MINUS:
      return !__builtin_sub_overflow (x, y, r);
    case DF_TOK_STAR:
      return !__builtin_mul_overflow (x, y, r);
    case DF_TOK_SLASH:
      if (y == 0 || (x == G_MININT64 && y == -1))
        return FALSE;
      *r = x / y;
      return TRUE;
    case DF_TOK_PERCENT:
      if (y == 0 || (x == G_MININT64 && y == -1))
        return FALSE;
      *r = x % y;
      return TRUE;
    case DF_TOK_BITAND:
    default:
      *r = x & y;
      return TRUE;
    }
}

static void
eval_arith (DfExpr             *e,
            const RemoraPacket *pkt)
{
  GArray *la = expr_values (e->a, pkt);
  GArray *lb = expr_values (e->b, pkt);

  if (e->vkind == DF_V_BYTES)
    {
      g_byte_array_set_size (e->scratch, 0);
      for (guint i = 0; i < la->len; i++)
        for (guint j = 0; j < lb->len; j++)
          {
            guint8 ba[16], bb[16];
            guint32 na, nb;
            const guint8 *pa = value_bytes (&g_array_index (la, DfValue, i), ba, &na);
            const guint8 *pb = value_bytes (&g_array_index (lb, DfValue, j), bb, &nb);
            DfValue v = { .kind = DF_V_BYTES };

            v.len = MIN (na, nb);
            v.u = e->scratch->len;
            for (guint k = 0; k < v.len; k++)
              {
                guint8 x = pa[k] & pb[k];
                g_byte_array_append (e->scratch, &x, 1);
              }
            g_array_append_val (e->vals, v);
          }
      fix_scratch_pointers (e, 0);
      return;
    }
  if (e->vkind == DF_V_ETHER || e->vkind == DF_V_IPV4 || e->vkind == DF_V_IPV6)
    {
      /* an address masked by another stays an address of that type */
      for (guint i = 0; i < la->len; i++)
        for (guint j = 0; j < lb->len; j++)
          {
            guint8 ba[16], bb[16];
            guint32 na, nb;
            const guint8 *pa = value_bytes (&g_array_index (la, DfValue, i), ba, &na);
            const guint8 *pb = value_bytes (&g_array_index (lb, DfValue, j), bb, &nb);
            DfValue v = { .kind = e->vkind };

            if (na != nb || na > sizeof v.addr)
              continue;
            if (e->vkind == DF_V_IPV4)
              {
                v.u = ((guint64) (pa[0] & pb[0]) << 24) | ((guint64) (pa[1] & pb[1]) << 16) |
                      ((guint64) (pa[2] & pb[2]) << 8) | (guint64) (pa[3] & pb[3]);
                v.prefix = 32;
              }
            else
              {
                for (guint k = 0; k < na; k++)
                  v.addr[k] = pa[k] & pb[k];
                v.prefix = e->vkind == DF_V_IPV6 ? 128 : 0;
              }
            v.len = na;
            g_array_append_val (e->vals, v);
          }
      return;
    }

  for (guint i = 0; i < la->len; i++)
    for (guint j = 0; j < lb->len; j++)
      {
        gint64 x, y, r;
        DfValue v = { 0 };

        if (!to_int (&g_array_index (la, DfValue, i), &x) || !to_int (&g_array_index (lb, DfValue, j), &y) ||
            !df_int_arith (e->op, x, y, &r))
          continue;
        if (r < 0)
          {
            v.kind = DF_V_INT;
            v.i = r;
          }
        else
          {
            v.kind = DF_V_UINT;
            v.u = (guint64) r;
          }
        g_array_append_val (e->vals, v);
      }
}

static GArray *
expr_values (DfExpr             *e,
             const RemoraPacket *pkt)
{
  if (e->kind == DF_X_CONST)
    return e->vals;
  g_array_set_size (e->vals, 0);
  switch (e->kind)
    {
    case DF_X_FIELD:
      FOR_EACH_NODE (e, pkt, node)
        {
          DfValue v;

          node_value (e, pkt, node, &v);
          g_array_append_val (e->vals, v);
        }
      break;
    case DF_X_SLICE:
      eval_slice (e, pkt);
      break;
    case DF_X_FUNC:
      eval_func (e, pkt);
      break;
    case DF_X_ARITH:
      eval_arith (e, pkt);
      break;
    case DF_X_NEG:
      {
        GArray *in = expr_values (e->a, pkt);

        for (guint i = 0; i < in->len; i++)
          {
            DfValue v = g_array_index (in, DfValue, i);

            if (v.kind == DF_V_UINT)
              {
                if (v.u > (guint64) G_MAXINT64)
                  continue;
                v.kind = DF_V_INT;
                v.i = -(gint64) v.u;
              }
            else if (v.kind == DF_V_DOUBLE)
              v.d = -v.d;
            else if (v.i != G_MININT64)
              v.i = -v.i;
            g_array_append_val (e->vals, v);
          }
        break;
      }
    case DF_X_CONST:
    default:
      break;
    }
  return e->vals;
}

/* ---- comparisons ---- */

static inline gboolean
is_int_kind (guint8 k)
{
  return k == DF_V_UINT || k == DF_V_INT || k == DF_V_BOOL;
}

/* Three-way comparison; FALSE when the values do not compare. */
static inline gboolean
value_cmp (const DfValue *a,
           const DfValue *b,
           int           *cmp)
{
  if (is_int_kind (a->kind) && is_int_kind (b->kind))
    {
      if (a->kind == DF_V_BOOL || b->kind == DF_V_BOOL)
        {
          int x = a->u != 0, y = b->u != 0;
          *cmp = (x > y) - (x < y);
          return TRUE;
        }
      if (a->kind == DF_V_INT && a->i < 0)
        {
          if (b->kind == DF_V_INT && b->i < 0)
            *cmp = (a->i > b->i) - (a->i < b->i);
          else
            *cmp = -1;
          return TRUE;
        }
      if (b->kind == DF_V_INT && b->i < 0)
        {
          *cmp = 1;
          return TRUE;
        }
      *cmp = (a->u > b->u) - (a->u < b->u);
      return TRUE;
    }
  if (a->kind == DF_V_DOUBLE || b->kind == DF_V_DOUBLE)
    {
      double x, y;

      x = a->kind == DF_V_DOUBLE ? a->d : a->kind == DF_V_INT ? (double) a->i : (double) a->u;
      y = b->kind == DF_V_DOUBLE ? b->d : b->kind == DF_V_INT ? (double) b->i : (double) b->u;
      if (x != x || y != y)
        return FALSE;
      *cmp = (x > y) - (x < y);
      return TRUE;
    }
  if (a->kind == DF_V_TIME && b->kind == DF_V_TIME)
    {
      *cmp = (a->i > b->i) - (a->i < b->i);
      return TRUE;
    }
  if (a->kind == DF_V_IPV4 && b->kind == DF_V_IPV4)
    {
      *cmp = (a->u > b->u) - (a->u < b->u);
      return TRUE;
    }
  if (a->kind == DF_V_IPV6 && b->kind == DF_V_IPV6)
    {
      int r = memcmp (a->addr, b->addr, 16);
      *cmp = (r > 0) - (r < 0);
      return TRUE;
    }
  {
    guint8 ba[16], bb[16];
    guint32 la, lb;
    const guint8 *pa = value_bytes (a, ba, &la), *pb = value_bytes (b, bb, &lb);
    int r;

    if (a->kind < DF_V_IPV4 || b->kind < DF_V_IPV4)
      return FALSE;
    /* an empty value may come with no buffer at all */
    r = MIN (la, lb) > 0 ? memcmp (pa, pb, MIN (la, lb)) : 0;
    if (r == 0)
      r = (la > lb) - (la < lb);
    *cmp = (r > 0) - (r < 0);
    return TRUE;
  }
}

static inline gboolean
value_eq (const DfValue *a,
          const DfValue *b)
{
  int cmp;

  if (a->kind == DF_V_IPV4 && b->kind == DF_V_IPV4)
    {
      guint bits = MIN (a->prefix, b->prefix);
      guint32 mask = bits == 0 ? 0 : 0xffffffffu << (32 - bits);
      return ((a->u ^ b->u) & mask) == 0;
    }
  if (a->kind == DF_V_IPV6 && b->kind == DF_V_IPV6)
    {
      guint bits = MIN (a->prefix, b->prefix);
      guint full = bits / 8, rest = bits % 8;

      if (memcmp (a->addr, b->addr, full) != 0)
        return FALSE;
      if (rest == 0)
        return TRUE;
      return ((a->addr[full] ^ b->addr[full]) & (guint8) (0xff << (8 - rest))) == 0;
    }
  if (a->kind == DF_V_UINT && b->kind == DF_V_UINT)
    return a->u == b->u;
  return value_cmp (a, b, &cmp) && cmp == 0;
}

static gboolean
value_less (const DfValue *a,
            const DfValue *b)
{
  int cmp;

  return value_cmp (a, b, &cmp) && cmp < 0;
}

static inline gboolean
apply_op (int            op,
          const DfValue *a,
          const DfValue *b)
{
  int cmp;

  switch (op)
    {
    case DF_TOK_ANY_EQ: return value_eq (a, b);
    case DF_TOK_ALL_NE: return !value_eq (a, b);
    case DF_TOK_GT: return value_cmp (a, b, &cmp) && cmp > 0;
    case DF_TOK_GE: return value_cmp (a, b, &cmp) && cmp >= 0;
    case DF_TOK_LT: return value_cmp (a, b, &cmp) && cmp < 0;
    case DF_TOK_LE: return value_cmp (a, b, &cmp) && cmp <= 0;
    default: return FALSE;
    }
}

static gboolean
eval_cmp (DfPred             *p,
          const RemoraPacket *pkt)
{
  GArray *l, *r;
  gboolean seen = FALSE;

  /* The common shape, field OP constant, walks the nodes directly. */
  if (p->lhs->kind == DF_X_FIELD && p->rhs->kind == DF_X_CONST)
    {
      const DfValue *k = &g_array_index (p->rhs->vals, DfValue, 0);

      FOR_EACH_NODE (p->lhs, pkt, node)
        {
          DfValue v;
          gboolean ok;

          node_value (p->lhs, pkt, node, &v);
          ok = apply_op (p->op, &v, k);
          if (ok && !p->all)
            return TRUE;
          if (!ok && p->all)
            return FALSE;
          seen = TRUE;
        }
      return p->all && seen;
    }

  l = expr_values (p->lhs, pkt);
  r = expr_values (p->rhs, pkt);
  if (l->len == 0 || r->len == 0)
    return FALSE;
  for (guint i = 0; i < l->len; i++)
    for (guint j = 0; j < r->len; j++)
      {
        gboolean ok = apply_op (p->op, &g_array_index (l, DfValue, i), &g_array_index (r, DfValue, j));

        if (ok && !p->all)
          return TRUE;
        if (!ok && p->all)
          return FALSE;
      }
  return p->all;
}

static gboolean
in_set (DfPred             *p,
        const RemoraPacket *pkt,
        const DfValue      *v)
{
  for (guint s = 0; s < p->n_set; s++)
    {
      GArray *lo = expr_values (p->set_lo[s], pkt);

      if (p->set_hi[s] == NULL)
        {
          for (guint i = 0; i < lo->len; i++)
            if (value_eq (v, &g_array_index (lo, DfValue, i)))
              return TRUE;
        }
      else
        {
          GArray *hi = expr_values (p->set_hi[s], pkt);

          for (guint i = 0; i < lo->len; i++)
            for (guint j = 0; j < hi->len; j++)
              if (apply_op (DF_TOK_GE, v, &g_array_index (lo, DfValue, i)) &&
                  apply_op (DF_TOK_LE, v, &g_array_index (hi, DfValue, j)))
                return TRUE;
        }
    }
  return FALSE;
}

static gboolean
eval_in (DfPred             *p,
         const RemoraPacket *pkt)
{
  GArray *l = expr_values (p->lhs, pkt);

  if (l->len == 0)
    return FALSE;
  for (guint i = 0; i < l->len; i++)
    {
      gboolean ok = in_set (p, pkt, &g_array_index (l, DfValue, i));

      if (ok && !p->all)
        return TRUE;
      if (!ok && p->all)
        return FALSE;
    }
  return p->all;
}

static gboolean
eval_contains (DfPred             *p,
               const RemoraPacket *pkt)
{
  GArray *l = expr_values (p->lhs, pkt);
  GArray *r = expr_values (p->rhs, pkt);

  for (guint i = 0; i < l->len; i++)
    {
      guint8 ba[16];
      guint32 la;
      const guint8 *pa = value_bytes (&g_array_index (l, DfValue, i), ba, &la);
      gboolean ok = FALSE;

      for (guint j = 0; j < r->len && !ok; j++)
        {
          guint8 bb[16];
          guint32 lb;
          const guint8 *pb = value_bytes (&g_array_index (r, DfValue, j), bb, &lb);

          ok = lb == 0 || (lb <= la && find_bytes (pa, la, pb, lb) != NULL);
        }
      if (ok && !p->all)
        return TRUE;
      if (!ok && p->all)
        return FALSE;
    }
  return p->all && l->len > 0;
}

static gboolean
eval_matches (DfPred             *p,
              const RemoraPacket *pkt)
{
  GArray *l = expr_values (p->lhs, pkt);

  for (guint i = 0; i < l->len; i++)
    {
      guint8 ba[16];
      guint32 la;
      const guint8 *pa = value_bytes (&g_array_index (l, DfValue, i), ba, &la);
      gboolean ok = g_regex_match_full (p->regex, (const char *) pa, la, 0, 0, NULL, NULL);

      if (ok && !p->all)
        return TRUE;
      if (!ok && p->all)
        return FALSE;
    }
  return p->all && l->len > 0;
}

static gboolean
value_nonzero (const DfValue *v)
{
  switch ((DfValueKind) v->kind)
    {
    case DF_V_UINT:
    case DF_V_BOOL:
    case DF_V_INT:
    case DF_V_TIME: return v->u != 0;
    case DF_V_DOUBLE: return v->d != 0;
    case DF_V_IPV4: return (v->u & 0xffffffffu) != 0;
    default: return TRUE;   /* bytes: present is enough */
    }
}

gboolean
df_eval (DfPred             *p,
         const RemoraPacket *pkt)
{
  switch (p->kind)
    {
    case DF_P_TRUE:
      return TRUE;
    case DF_P_AND:
      return df_eval (p->a, pkt) && df_eval (p->b, pkt);
    case DF_P_OR:
      return df_eval (p->a, pkt) || df_eval (p->b, pkt);
    case DF_P_NOT:
      return !df_eval (p->a, pkt);
    case DF_P_EXISTS:
      FOR_EACH_NODE (p->lhs, pkt, node)
        {
          (void) node;
          return TRUE;
        }
      return FALSE;
    case DF_P_CMP:
      return eval_cmp (p, pkt);
    case DF_P_IN:
      return eval_in (p, pkt);
    case DF_P_CONTAINS:
      return eval_contains (p, pkt);
    case DF_P_MATCHES:
      return eval_matches (p, pkt);
    case DF_P_NONZERO:
      {
        GArray *l = expr_values (p->lhs, pkt);

        for (guint i = 0; i < l->len; i++)
          {
            const DfValue *v = &g_array_index (l, DfValue, i);

            if (p->lhs->kind == DF_X_ARITH &&
                (v->kind == DF_V_BYTES || v->kind == DF_V_ETHER || v->kind == DF_V_IPV6))
              {
                guint8 buf[16];
                guint32 n;
                const guint8 *b = value_bytes (v, buf, &n);

                for (guint k = 0; k < n; k++)
                  if (b[k] != 0)
                    return TRUE;
              }
            else if (value_nonzero (v))
              return TRUE;
          }
        return FALSE;
      }
    default:
      return FALSE;
    }
}
