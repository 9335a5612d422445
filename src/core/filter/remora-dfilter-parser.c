/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-dfilter"

#include "config.h"

#include "remora-dfilter-private.h"

#include <stdlib.h>
#include <string.h>

/* Recursive descent over the token array.  Precedence, loosest first, as
 * Wireshark 4.0: or, and, not, relations (chained: a < b < c is
 * a < b and b < c), &, + -, * / %, unary minus. */

typedef struct {
  GPtrArray           *tokens;
  guint                pos;
  const char          *text;
  RemoraDfilterError **error;
  guint                depth;
} Parser;

/* Bounds the recursion a hostile filter ("((((((...") could drive. */
#define MAX_DEPTH 200

DfAst *
df_ast_new (DfAstKind kind,
            guint     start,
            guint     len)
{
  DfAst *ast = g_new0 (DfAst, 1);

  ast->kind = kind;
  ast->start = start;
  ast->len = len;
  ast->field_id = -1;
  return ast;
}

void
df_ast_free (DfAst *ast)
{
  if (ast == NULL)
    return;
  df_ast_free (ast->a);
  df_ast_free (ast->b);
  g_clear_pointer (&ast->args, g_ptr_array_unref);
  g_clear_pointer (&ast->ranges, g_array_unref);
  g_clear_pointer (&ast->owned, g_bytes_unref);
  g_clear_pointer (&ast->regex, g_regex_unref);
  g_free (ast->text);
  g_free (ast);
}

static DfAst *
ast_dup (const DfAst *src)
{
  DfAst *ast;

  if (src == NULL)
    return NULL;
  ast = g_memdup2 (src, sizeof *src);
  ast->a = ast_dup (src->a);
  ast->b = ast_dup (src->b);
  ast->text = src->text ? g_memdup2 (src->text, src->text_len + 1) : NULL;
  if (src->args != NULL)
    {
      ast->args = g_ptr_array_new_with_free_func ((GDestroyNotify) df_ast_free);
      for (guint i = 0; i < src->args->len; i++)
        g_ptr_array_add (ast->args, ast_dup (g_ptr_array_index (src->args, i)));
    }
  if (src->ranges != NULL)
    {
      ast->ranges = g_array_new (FALSE, FALSE, sizeof (DfRange));
      g_array_append_vals (ast->ranges, src->ranges->data, src->ranges->len);
    }
  ast->owned = src->owned ? g_bytes_ref (src->owned) : NULL;
  ast->regex = src->regex ? g_regex_ref (src->regex) : NULL;
  return ast;
}

static DfToken *
peek (Parser *p)
{
  return g_ptr_array_index (p->tokens, p->pos);
}

static DfToken *
peek2 (Parser *p)
{
  guint i = MIN (p->pos + 1, p->tokens->len - 1);

  return g_ptr_array_index (p->tokens, i);
}

static DfToken *
next (Parser *p)
{
  DfToken *tok = peek (p);

  if (tok->type != DF_TOK_EOF)
    p->pos++;
  return tok;
}

static void
unexpected (Parser  *p,
            DfToken *tok)
{
  g_autofree char *t = NULL;

  if (tok->type == DF_TOK_EOF)
    {
      df_set_error (p->error, tok->start, 0, "Unexpected end of filter expression.");
      return;
    }
  t = g_strndup (p->text + tok->start, tok->len);
  df_set_error (p->error, tok->start, tok->len, "\"%s\" was unexpected in this context.", t);
}

static DfAst *
span (DfAst *ast,
      guint  start,
      guint  end)
{
  ast->start = start;
  ast->len = end > start ? end - start : 0;
  return ast;
}

static guint
end_of (const DfAst *ast)
{
  return ast->start + ast->len;
}

static DfAst *parse_or (Parser *p);
static DfAst *parse_arith (Parser *p);

/* Parses the inside of "[...]" (TOK) into ranges; FOR_LAYER accepts only
 * non-negative numbers. */
static GArray *
parse_ranges (Parser  *p,
              DfToken *tok)
{
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (DfRange));
  g_auto(GStrv) parts = g_strsplit (tok->text, ",", -1);
  guint offset = tok->start + 1;

  /* "[]": g_strsplit gives no parts at all for "" */
  if (parts[0] == NULL)
    {
      df_set_error (p->error, offset, 1, "\"]\" was unexpected in this context.");
      return NULL;
    }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *s = parts[i];
      guint plen = (guint) strlen (s);
      guint lead = 0, trail = plen;
      g_autofree char *item = NULL;
      DfRange r = { 0, 1, DF_RANGE_LEN };
      char *end;
      const char *sep;
      gint64 a, b;

      while (lead < plen && g_ascii_isspace (s[lead]))
        lead++;
      while (trail > lead && g_ascii_isspace (s[trail - 1]))
        trail--;
      item = g_strndup (s + lead, trail - lead);

      /* An empty item is a missing number: what stands there instead is
       * the next "," or the closing "]". */
      if (plen == 0)
        {
          df_set_error (p->error, offset, 1, "\"%s\" was unexpected in this context.",
                        parts[i + 1] != NULL ? "," : "]");
          return NULL;
        }
      if (lead == plen)
        {
          df_set_error (p->error, offset, plen, "\"%s\" is not a valid number.", s);
          return NULL;
        }

#define BAD_NUMBER(str) do { \
        df_set_error (p->error, offset + lead, trail - lead, "\"%s\" is not a valid number.", (str)); \
        return NULL; } while (0)
#define OUT_OF_INT32(x) ((x) < G_MININT32 || (x) > G_MAXINT32)
#define BAD_START() do { \
        df_set_error (p->error, offset + lead, trail - lead, "\"%s\" causes an integer overflow.", item); \
        return NULL; } while (0)
      /* the separator is the first ':' or the first '-' after a digit */
      sep = strchr (item, ':');
      if (sep == NULL && item[0] != '\0')
        for (const char *q = item + 1; *q != '\0'; q++)
          if (*q == '-' && g_ascii_isdigit (q[-1]))
            {
              sep = q;
              break;
            }
      if (sep == NULL)
        {
          if (*item == '\0')
            BAD_NUMBER (item);
          a = g_ascii_strtoll (item, &end, 10);
          if (*end != '\0')
            BAD_NUMBER (item);
          if (OUT_OF_INT32 (a))
            BAD_START ();
          r.start = (gint32) a;
          r.len = 1;
        }
      else
        {
          g_autofree char *left = g_strndup (item, (gsize) (sep - item));
          const char *right = sep + 1;

          if (*left == '\0')
            a = 0;
          else
            {
              a = g_ascii_strtoll (left, &end, 10);
              if (*end != '\0')
                BAD_NUMBER (left);
              if (OUT_OF_INT32 (a))
                BAD_START ();
            }
          if (*right == '\0' && *sep == ':')
            {
              r.kind = DF_RANGE_TO_END;
              r.start = (gint32) a;
            }
          else
            {
              if (*right == '\0')
                BAD_NUMBER (right);
              b = g_ascii_strtoll (right, &end, 10);
              if (*end != '\0')
                BAD_NUMBER (right);
              if (OUT_OF_INT32 (b))
                {
                  df_set_error (p->error, offset + lead, trail - lead, "\"%s\" is not a valid range.", item);
                  return NULL;
                }
              r.start = (gint32) a;
              r.len = (gint32) b;
              if (*sep == ':')
                {
                  r.kind = DF_RANGE_LEN;
                  if (b <= 0)
                    {
                      df_set_error (p->error, offset + lead, trail - lead,
                                    "Range %s isn't valid because length %" G_GINT64_FORMAT " isn't positive",
                                    item, b);
                      return NULL;
                    }
                }
              else
                {
                  r.kind = DF_RANGE_END;
                  if ((a < 0) != (b < 0))
                    {
                      df_set_error (p->error, offset + lead, trail - lead,
                                    "Range %s isn't valid because %" G_GINT64_FORMAT " and %" G_GINT64_FORMAT " have different signs",
                                    item, a, b);
                      return NULL;
                    }
                  if (a > b)
                    {
                      df_set_error (p->error, offset + lead, trail - lead,
                                    "Range %s isn't valid because %" G_GINT64_FORMAT " is greater or equal than %" G_GINT64_FORMAT,
                                    item, a, b);
                      return NULL;
                    }
                }
            }
        }
#undef BAD_NUMBER
#undef OUT_OF_INT32
#undef BAD_START
      g_array_append_val (ranges, r);
      offset += plen + 1;
    }
  return g_steal_pointer (&ranges);
}

/* field#N or field#[range] */
static gboolean
parse_layer (Parser *p,
             DfAst  *ast)
{
  DfToken *tok;

  next (p);  /* # */
  tok = next (p);
  if (tok->type == DF_TOK_LITERAL)
    {
      char *end;
      gint64 n = g_ascii_strtoll (tok->text, &end, 10);

      if (*end != '\0' || n < 0 || !g_ascii_isdigit (tok->text[0]))
        {
          df_set_error (p->error, tok->start, tok->len, "\"%s\" is not a valid number.", tok->text);
          return FALSE;
        }
      if (n > G_MAXINT32)
        {
          df_set_error (p->error, tok->start, tok->len, "\"%s\" causes an integer overflow.", tok->text);
          return FALSE;
        }
      ast->layer_lo = ast->layer_hi = (int) n;
    }
  else if (tok->type == DF_TOK_SLICE)
    {
      g_autoptr(GArray) r = parse_ranges (p, tok);
      DfRange *range;

      if (r == NULL)
        return FALSE;
      if (r->len != 1 || g_array_index (r, DfRange, 0).start < 0 ||
          g_array_index (r, DfRange, 0).kind == DF_RANGE_TO_END)
        {
          df_set_error (p->error, tok->start, tok->len, "\"%s\" is not a valid range.", tok->text);
          return FALSE;
        }
      range = &g_array_index (r, DfRange, 0);
      ast->layer_lo = range->start;
      /* "#[2147483647:2]" is accepted: the last layer saturates */
      ast->layer_hi = range->kind == DF_RANGE_END
                      ? range->len
                      : (int) MIN ((gint64) range->start + range->len - 1, (gint64) G_MAXINT);
    }
  else
    {
      unexpected (p, tok);
      return FALSE;
    }
  ast->has_layer = TRUE;
  span (ast, ast->start, tok->start + tok->len);
  return TRUE;
}

static DfAst *
parse_slices (Parser *p,
              DfAst  *ast)
{
  while (peek (p)->type == DF_TOK_SLICE)
    {
      DfToken *tok = next (p);
      DfAst *slice = df_ast_new (DF_AST_SLICE, ast->start, 0);

      slice->a = ast;
      ast = slice;
      span (ast, ast->start, tok->start + tok->len);
      ast->ranges = parse_ranges (p, tok);
      if (ast->ranges == NULL)
        {
          df_ast_free (ast);
          return NULL;
        }
    }
  return ast;
}

static DfAst *
parse_primary (Parser *p)
{
  DfToken *tok = peek (p);
  DfAst *ast = NULL;

  if (++p->depth > MAX_DEPTH)
    {
      df_set_error (p->error, tok->start, tok->len, "Filter expression is nested too deeply.");
      return NULL;
    }

  switch (tok->type)
    {
    case DF_TOK_MINUS:
    case DF_TOK_PLUS:
      {
        DfAst *inner;

        next (p);
        inner = parse_primary (p);
        if (inner == NULL)
          break;
        if (tok->type == DF_TOK_PLUS)
          {
            ast = span (inner, tok->start, end_of (inner));
            break;
          }
        ast = df_ast_new (DF_AST_NEG, tok->start, 0);
        ast->a = inner;
        span (ast, tok->start, end_of (inner));
        break;
      }
    case DF_TOK_LITERAL:
      next (p);
      ast = df_ast_new (DF_AST_LITERAL, tok->start, tok->len);
      ast->text = g_strdup (tok->text);
      ast->text_len = tok->text_len;
      if (peek (p)->type == DF_TOK_HASH && !parse_layer (p, ast))
        {
          df_ast_free (ast);
          ast = NULL;
          break;
        }
      ast = parse_slices (p, ast);
      break;
    case DF_TOK_STRING:
      next (p);
      ast = df_ast_new (DF_AST_STRING, tok->start, tok->len);
      ast->text = g_memdup2 (tok->text, tok->text_len + 1);
      ast->text_len = tok->text_len;
      ast = parse_slices (p, ast);
      break;
    case DF_TOK_CHARCONST:
      next (p);
      ast = df_ast_new (DF_AST_CHARCONST, tok->start, tok->len);
      ast->text = g_strdup (tok->text);
      ast->text_len = tok->text_len;
      ast->charval = tok->charval;
      break;
    case DF_TOK_FUNCTION:
      {
        DfToken *close;

        next (p);
        next (p);   /* ( */
        ast = df_ast_new (DF_AST_FUNCTION, tok->start, tok->len);
        ast->text = g_strdup (tok->text);
        ast->text_len = tok->text_len;
        ast->args = g_ptr_array_new_with_free_func ((GDestroyNotify) df_ast_free);
        if (peek (p)->type != DF_TOK_RPAREN)
          for (;;)
            {
              DfAst *arg = parse_arith (p);

              if (arg == NULL)
                {
                  df_ast_free (ast);
                  ast = NULL;
                  goto out;
                }
              g_ptr_array_add (ast->args, arg);
              if (peek (p)->type != DF_TOK_COMMA)
                break;
              next (p);
            }
        close = next (p);
        if (close->type != DF_TOK_RPAREN)
          {
            unexpected (p, close);
            df_ast_free (ast);
            ast = NULL;
            break;
          }
        ast = parse_slices (p, ast);
        break;
      }
    case DF_TOK_LBRACE:
      {
        DfToken *close;

        next (p);
        ast = parse_arith (p);
        if (ast == NULL)
          break;
        close = next (p);
        if (close->type != DF_TOK_RBRACE)
          {
            unexpected (p, close);
            df_ast_free (ast);
            ast = NULL;
          }
        break;
      }
    default:
      unexpected (p, tok);
      break;
    }
out:
  p->depth--;
  return ast;
}

static DfAst *
binary (DfAstKind kind,
        int       op,
        DfAst    *a,
        DfAst    *b)
{
  DfAst *ast = df_ast_new (kind, a->start, 0);

  ast->op = op;
  ast->a = a;
  ast->b = b;
  return span (ast, a->start, end_of (b));
}

typedef DfAst *(*OperandFunc) (Parser *p);

/* OPERAND (OP OPERAND)*, left-associative: the shape of every binary level
 * of the grammar.  OPS is a list ended by DF_TOK_EOF (0) of the level's operators; a
 * node of KIND is built per operator, carrying the operator's token. */
static DfAst *
parse_binary_level (Parser          *p,
                    OperandFunc      operand,
                    DfAstKind        kind,
                    const DfTokType *ops)
{
  DfAst *left = operand (p);

  while (left != NULL)
    {
      DfTokType t = peek (p)->type;
      const DfTokType *op;
      DfAst *right;

      for (op = ops; *op != 0 && *op != t; op++)
        ;
      if (*op == 0)
        break;
      next (p);
      right = operand (p);
      if (right == NULL)
        {
          df_ast_free (left);
          return NULL;
        }
      left = binary (kind, t, left, right);
    }
  return left;
}

static DfAst *
parse_term (Parser *p)
{
  static const DfTokType ops[] = { DF_TOK_STAR, DF_TOK_SLASH, DF_TOK_PERCENT, 0 };

  return parse_binary_level (p, parse_primary, DF_AST_ARITH, ops);
}

static DfAst *
parse_sum (Parser *p)
{
  static const DfTokType ops[] = { DF_TOK_PLUS, DF_TOK_MINUS, 0 };

  return parse_binary_level (p, parse_term, DF_AST_ARITH, ops);
}

static DfAst *
parse_arith (Parser *p)
{
  static const DfTokType ops[] = { DF_TOK_BITAND, 0 };

  return parse_binary_level (p, parse_sum, DF_AST_ARITH, ops);
}

static gboolean
is_relation (DfTokType t)
{
  return t == DF_TOK_ANY_EQ || t == DF_TOK_ALL_EQ || t == DF_TOK_ALL_NE || t == DF_TOK_ANY_NE ||
         t == DF_TOK_GT || t == DF_TOK_GE || t == DF_TOK_LT || t == DF_TOK_LE ||
         t == DF_TOK_CONTAINS || t == DF_TOK_MATCHES;
}

static DfAst *
parse_set_entity (Parser *p)
{
  return parse_primary (p);
}

static DfAst *
parse_set (Parser *p,
           DfAst  *in)
{
  DfToken *tok = next (p);

  if (tok->type != DF_TOK_LBRACE)
    {
      unexpected (p, tok);
      return NULL;
    }
  in->args = g_ptr_array_new_with_free_func ((GDestroyNotify) df_ast_free);
  for (;;)
    {
      DfAst *lo = parse_set_entity (p);

      if (lo == NULL)
        return NULL;
      if (peek (p)->type == DF_TOK_DOTDOT)
        {
          DfAst *hi;

          next (p);
          hi = parse_set_entity (p);
          if (hi == NULL)
            {
              df_ast_free (lo);
              return NULL;
            }
          lo = binary (DF_AST_RANGE, DF_TOK_DOTDOT, lo, hi);
        }
      g_ptr_array_add (in->args, lo);
      tok = next (p);
      if (tok->type == DF_TOK_RBRACE)
        break;
      if (tok->type != DF_TOK_COMMA)
        {
          unexpected (p, tok);
          return NULL;
        }
    }
  return span (in, in->start, tok->start + tok->len);
}

static DfAst *
parse_relation (Parser *p)
{
  DfToken *first = peek (p);
  int quant = 0;
  DfAst *left, *result = NULL, *prev_rhs = NULL;

  if (first->type == DF_TOK_ANY || first->type == DF_TOK_ALL)
    {
      quant = first->type;
      next (p);
    }
  left = parse_arith (p);
  if (left == NULL)
    return NULL;

  if (peek (p)->type == DF_TOK_IN ||
      (peek (p)->type == DF_TOK_NOT && peek2 (p)->type == DF_TOK_IN))
    {
      DfAst *in = df_ast_new (DF_AST_IN, left->start, left->len);

      in->a = left;
      in->quant = quant;
      if (next (p)->type == DF_TOK_NOT)
        {
          in->negated = TRUE;
          next (p);
        }
      if (parse_set (p, in) == NULL)
        {
          df_ast_free (in);
          return NULL;
        }
      return in;
    }

  if (!is_relation (peek (p)->type))
    {
      DfAst *bare;

      if (quant != 0)
        {
          unexpected (p, peek (p));
          df_ast_free (left);
          return NULL;
        }
      bare = df_ast_new (DF_AST_BARE, left->start, left->len);
      bare->a = left;
      return bare;
    }

  while (is_relation (peek (p)->type))
    {
      DfToken *op = next (p);
      DfAst *right = parse_arith (p);
      DfAst *test;

      if (right == NULL)
        {
          df_ast_free (left);
          df_ast_free (result);
          return NULL;
        }
      if (prev_rhs != NULL)
        left = ast_dup (prev_rhs);
      test = binary (DF_AST_TEST, op->type, left, right);
      test->quant = quant;
      test->text = g_strndup (p->text + op->start, op->len);
      test->text_len = op->len;
      /* a op b op c: each comparison reuses the previous right side */
      result = result == NULL ? test : binary (DF_AST_AND, DF_TOK_AND, result, test);
      prev_rhs = right;
      left = NULL;
    }
  return result;
}

static DfAst *
parse_unary (Parser *p)
{
  DfToken *tok = peek (p);
  DfAst *ast;

  if (++p->depth > MAX_DEPTH)
    {
      df_set_error (p->error, tok->start, tok->len, "Filter expression is nested too deeply.");
      return NULL;
    }
  if (tok->type == DF_TOK_NOT)
    {
      DfAst *inner;

      next (p);
      inner = parse_unary (p);
      ast = NULL;
      if (inner != NULL)
        {
          ast = df_ast_new (DF_AST_NOT, tok->start, 0);
          ast->a = inner;
          span (ast, tok->start, end_of (inner));
        }
    }
  else if (tok->type == DF_TOK_LPAREN)
    {
      DfToken *close;

      next (p);
      ast = parse_or (p);
      if (ast != NULL)
        {
          close = next (p);
          if (close->type != DF_TOK_RPAREN)
            {
              unexpected (p, close);
              df_ast_free (ast);
              ast = NULL;
            }
        }
    }
  else
    ast = parse_relation (p);
  p->depth--;
  return ast;
}

static DfAst *
parse_and (Parser *p)
{
  static const DfTokType ops[] = { DF_TOK_AND, 0 };

  return parse_binary_level (p, parse_unary, DF_AST_AND, ops);
}

static DfAst *
parse_or (Parser *p)
{
  static const DfTokType ops[] = { DF_TOK_OR, 0 };

  return parse_binary_level (p, parse_and, DF_AST_OR, ops);
}

DfAst *
df_parse (GPtrArray           *tokens,
          const char          *text,
          RemoraDfilterError **error)
{
  Parser p = { tokens, 0, text, error, 0 };
  DfAst *root;
  DfToken *tok;

  if (peek (&p)->type == DF_TOK_EOF)
    return NULL;
  root = parse_or (&p);
  if (root == NULL)
    {
      /* make sure a failure always carries a message */
      df_set_error (error, 0, (guint) strlen (text), "Invalid filter.");
      return NULL;
    }
  tok = peek (&p);
  if (tok->type != DF_TOK_EOF)
    {
      unexpected (&p, tok);
      df_ast_free (root);
      return NULL;
    }
  return root;
}
