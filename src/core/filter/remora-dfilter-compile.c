/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-dfilter"

#include "config.h"

#include "remora-dfilter.h"
#include "remora-dfilter-private.h"
#include "remora-format.h"

#include <string.h>

/* Turns the checked syntax tree into the predicate tree the evaluator walks
 * (constants preconverted, regexes compiled, field id chains resolved) and
 * collects the fields the filter reads.  The public entry points live here. */

struct _RemoraDfilter {
  char      *text;
  DfPred    *root;      /* NULL: matches everything */
  guint8    *wanted;
  GPtrArray *warnings;  /* char*, NULL-terminated */
};

static DfExpr *
expr_new (DfExprKind kind)
{
  DfExpr *e = g_new0 (DfExpr, 1);

  e->kind = kind;
  e->layer_proto = -1;
  e->first_id = -1;
  e->vals = g_array_new (FALSE, TRUE, sizeof (DfValue));
  return e;
}

static void
expr_free (DfExpr *e)
{
  if (e == NULL)
    return;
  expr_free (e->a);
  expr_free (e->b);
  for (guint i = 0; i < e->n_args; i++)
    expr_free (e->args[i]);
  g_free (e->args);
  g_free (e->ids);
  g_free (e->ranges);
  g_free (e->text);
  g_array_unref (e->vals);
  if (e->scratch != NULL)
    g_byte_array_unref (e->scratch);
  if (e->tmp != NULL)
    g_string_free (e->tmp, TRUE);
  g_free (e);
}

void
df_pred_free (DfPred *p)
{
  if (p == NULL)
    return;
  df_pred_free (p->a);
  df_pred_free (p->b);
  expr_free (p->lhs);
  expr_free (p->rhs);
  for (guint i = 0; i < p->n_set; i++)
    {
      expr_free (p->set_lo[i]);
      expr_free (p->set_hi[i]);
    }
  g_free (p->set_lo);
  g_free (p->set_hi);
  g_clear_pointer (&p->regex, g_regex_unref);
  g_free (p->regex_text);
  g_free (p);
}

static DfExpr *
compile_expr (DfAst  *ast,
              guint8 *wanted)
{
  DfExpr *e;

  switch (ast->kind)
    {
    case DF_AST_FIELD:
      {
        const RemoraFieldInfo *info = remora_field_get (ast->field_id);
        guint n = 0;

        e = expr_new (DF_X_FIELD);
        for (int id = ast->field_id; id >= 0; id = remora_field_get (id)->same_name_next)
          n++;
        e->ids = g_new (int, n);
        for (int id = ast->field_id; id >= 0; id = remora_field_get (id)->same_name_next)
          {
            e->ids[e->n_ids++] = id;
            wanted[id] = 1;
          }
        e->first_id = ast->field_id;
        if (ast->has_layer)
          {
            e->layer_proto = info->type == REMORA_FT_PROTOCOL ? info->id : info->parent;
            e->layer_lo = ast->layer_lo;
            e->layer_hi = ast->layer_hi;
            if (e->layer_proto >= 0)
              wanted[e->layer_proto] = 1;
            e->text = ast->layer_lo == ast->layer_hi
                      ? g_strdup_printf ("%s#%d", info->abbrev, ast->layer_lo)
                      : g_strdup_printf ("%s#[%d-%d]", info->abbrev, ast->layer_lo, ast->layer_hi);
          }
        else
          e->text = g_strdup (info->abbrev);
        break;
      }
    case DF_AST_CONST:
      {
        DfValue v = ast->value;

        e = expr_new (DF_X_CONST);
        if (v.kind == DF_V_BYTES || v.kind == DF_V_STRING)
          {
            /* the constant's bytes live in the expression itself */
            e->scratch = g_byte_array_sized_new (v.len);
            g_byte_array_append (e->scratch, v.ptr, v.len);
            v.ptr = e->scratch->data;
          }
        g_array_append_val (e->vals, v);
        break;
      }
    case DF_AST_SLICE:
      e = expr_new (DF_X_SLICE);
      e->a = compile_expr (ast->a, wanted);
      e->n_ranges = ast->ranges->len;
      e->ranges = g_memdup2 (ast->ranges->data, sizeof (DfRange) * ast->ranges->len);
      e->scratch = g_byte_array_new ();
      break;
    case DF_AST_FUNCTION:
      {
        static const char *const names[] = { "len", "count", "string", "upper", "lower", "abs", "max", "min" };

        e = expr_new (DF_X_FUNC);
        for (guint k = 0; k < G_N_ELEMENTS (names); k++)
          if (g_str_equal (names[k], ast->text))
            e->fn = (DfFunc) k;
        e->text = g_strdup (ast->text);
        e->n_args = ast->args->len;
        e->args = g_new0 (DfExpr *, e->n_args);
        for (guint i = 0; i < e->n_args; i++)
          e->args[i] = compile_expr (g_ptr_array_index (ast->args, i), wanted);
        e->scratch = g_byte_array_new ();
        e->tmp = g_string_new (NULL);
        break;
      }
    case DF_AST_ARITH:
      e = expr_new (DF_X_ARITH);
      e->op = ast->op;
      e->scratch = g_byte_array_new ();
      e->a = compile_expr (ast->a, wanted);
      e->b = compile_expr (ast->b, wanted);
      break;
    case DF_AST_NEG:
      e = expr_new (DF_X_NEG);
      e->a = compile_expr (ast->a, wanted);
      break;
    default:
      g_assert_not_reached ();
    }
  e->ftype = ast->kind == DF_AST_CONST ? REMORA_FT_NONE : ast->ftype;
  e->vkind = ast->kind == DF_AST_CONST ? (DfValueKind) ast->value.kind : df_value_kind_for (ast->ftype);
  if ((ast->kind == DF_AST_ARITH && ast->ftype != REMORA_FT_BYTES) || ast->kind == DF_AST_NEG)
    e->vkind = remora_field_type_is_signed (ast->ftype) ? DF_V_INT :
               df_value_kind_for (ast->ftype);
  return e;
}

static DfPred *
pred_new (DfPredKind kind)
{
  DfPred *p = g_new0 (DfPred, 1);

  p->kind = kind;
  return p;
}

static DfPred *
compile_pred (DfAst  *ast,
              guint8 *wanted)
{
  DfPred *p;

  switch (ast->kind)
    {
    case DF_AST_AND:
    case DF_AST_OR:
      p = pred_new (ast->kind == DF_AST_AND ? DF_P_AND : DF_P_OR);
      p->a = compile_pred (ast->a, wanted);
      p->b = compile_pred (ast->b, wanted);
      return p;
    case DF_AST_NOT:
      p = pred_new (DF_P_NOT);
      p->a = compile_pred (ast->a, wanted);
      return p;
    case DF_AST_BARE:
      p = pred_new (ast->a->kind == DF_AST_FIELD ? DF_P_EXISTS : DF_P_NONZERO);
      p->lhs = compile_expr (ast->a, wanted);
      return p;
    case DF_AST_TEST:
      if (ast->op == DF_TOK_CONTAINS)
        p = pred_new (DF_P_CONTAINS);
      else if (ast->op == DF_TOK_MATCHES)
        {
          p = pred_new (DF_P_MATCHES);
          p->regex = g_regex_ref (ast->regex);
          p->regex_text = g_strndup ((const char *) ast->b->value.ptr, ast->b->value.len);
        }
      else
        {
          p = pred_new (DF_P_CMP);
          switch (ast->op)
            {
            case DF_TOK_ALL_EQ: p->op = DF_TOK_ANY_EQ; p->all = TRUE; break;
            case DF_TOK_ANY_NE: p->op = DF_TOK_ALL_NE; p->all = FALSE; break;
            case DF_TOK_ALL_NE: p->op = DF_TOK_ALL_NE; p->all = TRUE; break;
            default: p->op = ast->op; p->all = FALSE; break;
            }
        }
      if (ast->quant == DF_TOK_ALL)
        p->all = TRUE;
      else if (ast->quant == DF_TOK_ANY)
        p->all = FALSE;
      p->lhs = compile_expr (ast->a, wanted);
      p->rhs = compile_expr (ast->b, wanted);
      return p;
    case DF_AST_IN:
      {
        DfPred *in = pred_new (DF_P_IN);

        in->all = ast->quant == DF_TOK_ALL;
        in->lhs = compile_expr (ast->a, wanted);
        in->n_set = ast->args->len;
        in->set_lo = g_new0 (DfExpr *, in->n_set);
        in->set_hi = g_new0 (DfExpr *, in->n_set);
        for (guint i = 0; i < in->n_set; i++)
          {
            DfAst *el = g_ptr_array_index (ast->args, i);

            if (el->kind == DF_AST_RANGE)
              {
                in->set_lo[i] = compile_expr (el->a, wanted);
                in->set_hi[i] = compile_expr (el->b, wanted);
              }
            else
              in->set_lo[i] = compile_expr (el, wanted);
          }
        if (!ast->negated)
          return in;
        p = pred_new (DF_P_NOT);
        p->a = in;
        return p;
      }
    default:
      g_assert_not_reached ();
    }
}

DfPred *
df_compile (DfAst  *root,
            guint8 *wanted)
{
  if (root == NULL)
    return pred_new (DF_P_TRUE);
  return compile_pred (root, wanted);
}

/* ---- explain ---- */

static void
format_value (const DfValue *v,
              GString       *out)
{
  switch ((DfValueKind) v->kind)
    {
    case DF_V_UINT: g_string_append_printf (out, "%" G_GUINT64_FORMAT, v->u); break;
    case DF_V_INT: g_string_append_printf (out, "%" G_GINT64_FORMAT, v->i); break;
    case DF_V_BOOL: g_string_append (out, v->u ? "True" : "False"); break;
    case DF_V_DOUBLE: g_string_append_printf (out, "%.9g", v->d); break;
    case DF_V_TIME: g_string_append_printf (out, "%" G_GINT64_FORMAT "ns", v->i); break;
    case DF_V_IPV4:
      remora_format_ipv4 ((guint32) v->u, out);
      if (v->prefix != 32)
        g_string_append_printf (out, "/%u", v->prefix);
      break;
    case DF_V_IPV6:
      remora_format_ipv6 (v->addr, out);
      if (v->prefix != 128)
        g_string_append_printf (out, "/%u", v->prefix);
      break;
    case DF_V_ETHER: remora_format_ether (v->addr, out); break;
    case DF_V_STRING:
      g_string_append_c (out, '"');
      for (guint i = 0; i < v->len; i++)
        {
          guint8 c = v->ptr[i];
          if (c == '"' || c == '\\')
            g_string_append_printf (out, "\\%c", c);
          else if (c < 0x20 || c >= 0x7f)
            g_string_append_printf (out, "\\x%02x", c);
          else
            g_string_append_c (out, (char) c);
        }
      g_string_append_c (out, '"');
      break;
    case DF_V_BYTES:
      for (guint i = 0; i < v->len; i++)
        g_string_append_printf (out, i ? ":%02x" : "%02x", v->ptr[i]);
      break;
    case DF_V_NONE:
    default:
      g_string_append (out, "?");
      break;
    }
}

static void
indent (GString *out,
        int      depth)
{
  g_string_append_printf (out, "%*s%2d ", depth * 2, "", depth);
}

static const char *
kind_type_name (const DfExpr *e)
{
  static const char *const names[] = {
    [DF_V_NONE] = "FT_NONE", [DF_V_UINT] = "FT_UINT64", [DF_V_INT] = "FT_INT64",
    [DF_V_BOOL] = "FT_BOOLEAN", [DF_V_DOUBLE] = "FT_DOUBLE", [DF_V_TIME] = "FT_RELATIVE_TIME",
    [DF_V_IPV4] = "FT_IPv4", [DF_V_IPV6] = "FT_IPv6", [DF_V_ETHER] = "FT_ETHER",
    [DF_V_BYTES] = "FT_BYTES", [DF_V_STRING] = "FT_STRING",
  };

  if (e->ftype != REMORA_FT_NONE || e->kind != DF_X_CONST)
    return remora_field_type_name (e->ftype);
  return names[e->vkind];
}

static void
explain_expr (const DfExpr *e,
              int           depth,
              GString      *out)
{
  static const char *const fn_names[] = { "len", "count", "string", "upper", "lower", "abs", "max", "min" };

  indent (out, depth);
  switch (e->kind)
    {
    case DF_X_FIELD:
      g_string_append_printf (out, "FIELD(%s <%s>)\n", e->text, kind_type_name (e));
      break;
    case DF_X_CONST:
      g_string_append (out, "FVALUE(");
      format_value (&g_array_index (e->vals, DfValue, 0), out);
      g_string_append_printf (out, " <%s>)\n", kind_type_name (e));
      break;
    case DF_X_SLICE:
      g_string_append (out, "SLICE[");
      for (guint i = 0; i < e->n_ranges; i++)
        {
          const DfRange *r = &e->ranges[i];
          if (i > 0)
            g_string_append_c (out, ',');
          if (r->kind == DF_RANGE_LEN)
            g_string_append_printf (out, "%d:%d", r->start, r->len);
          else if (r->kind == DF_RANGE_END)
            g_string_append_printf (out, "%d-%d", r->start, r->len);
          else
            g_string_append_printf (out, "%d:", r->start);
        }
      g_string_append (out, "]:\n");
      explain_expr (e->a, depth + 1, out);
      break;
    case DF_X_FUNC:
      g_string_append_printf (out, "FUNCTION(%s <%s>):\n", fn_names[e->fn], kind_type_name (e));
      for (guint i = 0; i < e->n_args; i++)
        explain_expr (e->args[i], depth + 1, out);
      break;
    case DF_X_ARITH:
      g_string_append_printf (out, "OP_%s:\n",
                              e->op == DF_TOK_PLUS ? "ADD" : e->op == DF_TOK_MINUS ? "SUBTRACT" :
                              e->op == DF_TOK_STAR ? "MULTIPLY" : e->op == DF_TOK_SLASH ? "DIVIDE" :
                              e->op == DF_TOK_PERCENT ? "MODULO" : "BITWISE_AND");
      explain_expr (e->a, depth + 1, out);
      explain_expr (e->b, depth + 1, out);
      break;
    case DF_X_NEG:
      g_string_append (out, "OP_UNARY_MINUS:\n");
      explain_expr (e->a, depth + 1, out);
      break;
    default:
      g_string_append (out, "?\n");
      break;
    }
}

static const char *
cmp_name (const DfPred *p)
{
  switch (p->op)
    {
    case DF_TOK_ANY_EQ: return p->all ? "TEST_ALL_EQ" : "TEST_ANY_EQ";
    case DF_TOK_ALL_NE: return p->all ? "TEST_ALL_NE" : "TEST_ANY_NE";
    case DF_TOK_GT: return p->all ? "TEST_ALL_GT" : "TEST_GT";
    case DF_TOK_GE: return p->all ? "TEST_ALL_GE" : "TEST_GE";
    case DF_TOK_LT: return p->all ? "TEST_ALL_LT" : "TEST_LT";
    case DF_TOK_LE: return p->all ? "TEST_ALL_LE" : "TEST_LE";
    default: return "TEST_?";
    }
}

void
df_explain (DfPred  *p,
            int      depth,
            GString *out)
{
  switch (p->kind)
    {
    case DF_P_TRUE:
      indent (out, depth);
      g_string_append (out, "TRUE\n");
      break;
    case DF_P_AND:
    case DF_P_OR:
      indent (out, depth);
      g_string_append (out, p->kind == DF_P_AND ? "TEST_AND:\n" : "TEST_OR:\n");
      df_explain (p->a, depth + 1, out);
      df_explain (p->b, depth + 1, out);
      break;
    case DF_P_NOT:
      indent (out, depth);
      g_string_append (out, "TEST_NOT:\n");
      df_explain (p->a, depth + 1, out);
      break;
    case DF_P_EXISTS:
      explain_expr (p->lhs, depth, out);
      break;
    case DF_P_NONZERO:
      indent (out, depth);
      g_string_append (out, "TEST_NOT_ZERO:\n");
      explain_expr (p->lhs, depth + 1, out);
      break;
    case DF_P_CMP:
    case DF_P_CONTAINS:
    case DF_P_MATCHES:
      indent (out, depth);
      g_string_append_printf (out, "%s:\n", p->kind == DF_P_CMP ? cmp_name (p) :
                              p->kind == DF_P_CONTAINS ? (p->all ? "TEST_ALL_CONTAINS" : "TEST_CONTAINS")
                                                       : (p->all ? "TEST_ALL_MATCHES" : "TEST_MATCHES"));
      explain_expr (p->lhs, depth + 1, out);
      if (p->kind == DF_P_MATCHES)
        {
          indent (out, depth + 1);
          g_string_append_printf (out, "PCRE(%s)\n", p->regex_text);
        }
      else
        explain_expr (p->rhs, depth + 1, out);
      break;
    case DF_P_IN:
      indent (out, depth);
      g_string_append (out, p->all ? "TEST_ALL_IN:\n" : "TEST_IN:\n");
      explain_expr (p->lhs, depth + 1, out);
      indent (out, depth + 1);
      g_string_append_printf (out, "SET(#%u):\n", p->n_set);
      for (guint i = 0; i < p->n_set; i++)
        {
          explain_expr (p->set_lo[i], depth + 2, out);
          if (p->set_hi[i] != NULL)
            {
              indent (out, depth + 2);
              g_string_append (out, "..\n");
              explain_expr (p->set_hi[i], depth + 2, out);
            }
        }
      break;
    default:
      break;
    }
}

/* ---- public API ---- */

RemoraDfilter *
remora_dfilter_compile (const char          *text,
                        RemoraDfilterError **error)
{
  g_autoptr(RemoraDfilter) df = g_new0 (RemoraDfilter, 1);
  g_autoptr(GPtrArray) tokens = NULL;
  RemoraDfilterError *local = NULL;
  DfAst *ast;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  df->text = g_strdup (text != NULL ? text : "");
  df->warnings = g_ptr_array_new_with_free_func (g_free);
  df->wanted = g_malloc0 (MAX (remora_field_count (), 1));

  /* always collect the error, so a failure is told apart from "" */
  tokens = df_lex (df->text, df->warnings, &local);
  ast = tokens != NULL ? df_parse (tokens, df->text, &local) : NULL;
  if (local == NULL)
    df_check (ast, df->text, df->warnings, &local);
  if (local != NULL)
    {
      df_ast_free (ast);
      if (error != NULL)
        *error = local;
      else
        remora_dfilter_error_free (local);
      return NULL;
    }
  df->root = df_compile (ast, df->wanted);
  df_ast_free (ast);
  g_ptr_array_add (df->warnings, NULL);
  return g_steal_pointer (&df);
}

const char *const *
remora_dfilter_get_warnings (RemoraDfilter *df)
{
  g_return_val_if_fail (df != NULL, NULL);
  return (const char *const *) df->warnings->pdata;
}

const guint8 *
remora_dfilter_get_wanted (RemoraDfilter *df)
{
  g_return_val_if_fail (df != NULL, NULL);
  return df->wanted;
}

const char *
remora_dfilter_get_text (RemoraDfilter *df)
{
  g_return_val_if_fail (df != NULL, NULL);
  return df->text;
}

gboolean
remora_dfilter_match (RemoraDfilter      *df,
                      const RemoraPacket *pkt)
{
  g_return_val_if_fail (df != NULL, FALSE);
  g_return_val_if_fail (pkt != NULL, FALSE);
  return df_eval (df->root, pkt);
}

char *
remora_dfilter_explain (RemoraDfilter *df)
{
  GString *out;

  g_return_val_if_fail (df != NULL, NULL);
  out = g_string_new (NULL);
  g_string_append_printf (out, "Filter: %s\n\nSyntax tree:\n", df->text);
  df_explain (df->root, 0, out);
  return g_string_free (out, FALSE);
}

void
remora_dfilter_free (RemoraDfilter *df)
{
  if (df == NULL)
    return;
  df_pred_free (df->root);
  g_free (df->wanted);
  if (df->warnings != NULL)
    g_ptr_array_unref (df->warnings);
  g_free (df->text);
  g_free (df);
}

void
remora_dfilter_error_free (RemoraDfilterError *error)
{
  if (error == NULL)
    return;
  g_free (error->message);
  g_free (error);
}
