/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-dfilter"

#include "config.h"

#include "remora-dfilter-private.h"

#include <string.h>

void
df_set_error (RemoraDfilterError **error,
              guint                start,
              guint                len,
              const char          *format,
              ...)
{
  RemoraDfilterError *e;
  va_list ap;

  /* The first error wins: later phases never overwrite the root cause. */
  if (error == NULL || *error != NULL)
    return;
  e = g_new0 (RemoraDfilterError, 1);
  va_start (ap, format);
  e->message = g_strdup_vprintf (format, ap);
  va_end (ap);
  e->start = start;
  e->length = len;
  *error = e;
}

static const struct {
  const char *word;
  DfTokType   type;
} keywords[] = {
  { "and", DF_TOK_AND },
  { "or", DF_TOK_OR },
  { "not", DF_TOK_NOT },
  { "eq", DF_TOK_ANY_EQ },
  { "any_eq", DF_TOK_ANY_EQ },
  { "ne", DF_TOK_ALL_NE },
  { "all_ne", DF_TOK_ALL_NE },
  { "all_eq", DF_TOK_ALL_EQ },
  { "any_ne", DF_TOK_ANY_NE },
  { "gt", DF_TOK_GT },
  { "ge", DF_TOK_GE },
  { "lt", DF_TOK_LT },
  { "le", DF_TOK_LE },
  { "contains", DF_TOK_CONTAINS },
  { "matches", DF_TOK_MATCHES },
  { "in", DF_TOK_IN },
  { "bitwise_and", DF_TOK_BITAND },
  { "any", DF_TOK_ANY },
  { "all", DF_TOK_ALL },
};

const char *
df_token_name (DfTokType type)
{
  switch (type)
    {
    case DF_TOK_EOF: return "end of filter";
    case DF_TOK_LPAREN: return "(";
    case DF_TOK_RPAREN: return ")";
    case DF_TOK_LBRACE: return "{";
    case DF_TOK_RBRACE: return "}";
    case DF_TOK_COMMA: return ",";
    case DF_TOK_DOTDOT: return "..";
    case DF_TOK_HASH: return "#";
    case DF_TOK_SLICE: return "[";
    case DF_TOK_AND: return "and";
    case DF_TOK_OR: return "or";
    case DF_TOK_NOT: return "not";
    case DF_TOK_ANY_EQ: return "==";
    case DF_TOK_ALL_EQ: return "===";
    case DF_TOK_ALL_NE: return "!=";
    case DF_TOK_ANY_NE: return "!==";
    case DF_TOK_GT: return ">";
    case DF_TOK_GE: return ">=";
    case DF_TOK_LT: return "<";
    case DF_TOK_LE: return "<=";
    case DF_TOK_CONTAINS: return "contains";
    case DF_TOK_MATCHES: return "matches";
    case DF_TOK_IN: return "in";
    case DF_TOK_BITAND: return "&";
    case DF_TOK_PLUS: return "+";
    case DF_TOK_MINUS: return "-";
    case DF_TOK_STAR: return "*";
    case DF_TOK_SLASH: return "/";
    case DF_TOK_PERCENT: return "%";
    case DF_TOK_ANY: return "any";
    case DF_TOK_ALL: return "all";
    case DF_TOK_STRING: return "string";
    case DF_TOK_CHARCONST: return "character constant";
    case DF_TOK_LITERAL: return "literal";
    case DF_TOK_FUNCTION: return "function";
    default: return "?";
    }
}

static gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == ':' || c == '/' || c == '-';
}

static DfToken *
push (GPtrArray  *tokens,
      DfTokType   type,
      guint       start,
      guint       len,
      const char *text)
{
  DfToken *tok = g_new0 (DfToken, 1);

  tok->type = type;
  tok->start = start;
  tok->len = len;
  if (text != NULL)
    {
      tok->text = g_strndup (text + start, len);
      tok->text_len = len;
    }
  g_ptr_array_add (tokens, tok);
  return tok;
}

static void
token_free (gpointer data)
{
  DfToken *tok = data;

  g_free (tok->text);
  g_free (tok);
}

/* Reads one escape after a backslash at *P (pointing past it).  Appends the
 * byte(s) to OUT; FALSE with an error on a bad escape. */
static gboolean
read_escape (const char          *text,
             const char         **p,
             GString             *out,
             RemoraDfilterError **error)
{
  const char *s = *p;
  guint start = (guint) (s - 1 - text);

  switch (*s)
    {
    case 'a': g_string_append_c (out, '\a'); s++; break;
    case 'b': g_string_append_c (out, '\b'); s++; break;
    case 'f': g_string_append_c (out, '\f'); s++; break;
    case 'n': g_string_append_c (out, '\n'); s++; break;
    case 'r': g_string_append_c (out, '\r'); s++; break;
    case 't': g_string_append_c (out, '\t'); s++; break;
    case 'v': g_string_append_c (out, '\v'); s++; break;
    case '\\': case '"': case '\'': case '?':
      g_string_append_c (out, *s); s++; break;
    case 'x':
      {
        guint v = 0, n = 0;

        s++;
        while (n < 2 && g_ascii_isxdigit (*s))
          v = v * 16 + g_ascii_xdigit_value (*s++), n++;
        if (n == 0)
          {
            df_set_error (error, start, 2, "\\x is not a valid character escape sequence");
            return FALSE;
          }
        g_string_append_c (out, (char) v);
        break;
      }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7':
      {
        guint v = 0, n = 0;

        while (n < 3 && *s >= '0' && *s <= '7')
          v = v * 8 + (guint) (*s++ - '0'), n++;
        if (v > 255)
          {
            g_autofree char *t = g_strndup (text + start, (gsize) (s - text) - start);
            df_set_error (error, start, (guint) (s - text) - start, "%s is larger than 255.", t);
            return FALSE;
          }
        g_string_append_c (out, (char) v);
        break;
      }
    case 'u': case 'U':
      {
        guint want = *s == 'u' ? 4 : 8, n = 0;
        gunichar c = 0;

        s++;
        while (n < want && g_ascii_isxdigit (*s))
          c = c * 16 + (gunichar) g_ascii_xdigit_value (*s++), n++;
        if (n < want || !g_unichar_validate (c))
          {
            g_autofree char *t = g_strndup (text + start, (gsize) (s - text) - start);
            df_set_error (error, start, (guint) (s - text) - start,
                          "%s is not a valid universal character name", t);
            return FALSE;
          }
        g_string_append_unichar (out, c);
        break;
      }
    default:
      if (*s == '\0')
        return TRUE;   /* the caller reports the missing quote */
      df_set_error (error, start, 2, "\\%c is not a valid character escape sequence", *s);
      return FALSE;
    }
  *p = s;
  return TRUE;
}

static gboolean
lex_string (const char          *text,
            const char         **p,
            gboolean             raw,
            GPtrArray           *tokens,
            RemoraDfilterError **error)
{
  const char *start = *p;
  const char *s = start + (raw ? 2 : 1);
  g_autoptr(GString) out = g_string_new (NULL);
  DfToken *tok;

  for (;;)
    {
      if (*s == '\0')
        {
          df_set_error (error, (guint) (start - text), (guint) (s - start),
                        "The final quote was missing from a quoted string.");
          return FALSE;
        }
      if (*s == '"')
        break;
      if (*s == '\\')
        {
          if (raw)
            {
              /* a raw string keeps the backslash; \" only stops the end */
              g_string_append_c (out, *s++);
              if (*s != '\0')
                g_string_append_c (out, *s++);
              continue;
            }
          s++;
          if (!read_escape (text, &s, out, error))
            return FALSE;
          continue;
        }
      g_string_append_c (out, *s++);
    }
  s++;
  tok = push (tokens, DF_TOK_STRING, (guint) (start - text), (guint) (s - start), NULL);
  tok->text_len = out->len;
  tok->text = g_string_free (g_steal_pointer (&out), FALSE);
  *p = s;
  return TRUE;
}

static gboolean
lex_charconst (const char          *text,
               const char         **p,
               GPtrArray           *tokens,
               RemoraDfilterError **error)
{
  const char *start = *p;
  const char *s = start + 1;
  g_autoptr(GString) out = g_string_new (NULL);
  DfToken *tok;

  while (*s != '\'' && *s != '\0')
    {
      if (*s == '\\')
        {
          s++;
          if (!read_escape (text, &s, out, error))
            return FALSE;
        }
      else
        g_string_append_c (out, *s++);
    }
  if (*s == '\0')
    {
      df_set_error (error, (guint) (start - text), (guint) (s - start),
                    "The final quote was missing from a character constant.");
      return FALSE;
    }
  s++;
  if (out->len == 0)
    {
      df_set_error (error, (guint) (start - text), (guint) (s - start), "Empty character constant.");
      return FALSE;
    }
  if (out->len > 1)
    {
      g_autofree char *t = g_strndup (start, (gsize) (s - start));
      df_set_error (error, (guint) (start - text), (guint) (s - start),
                    "%s is too long to be a valid character constant.", t);
      return FALSE;
    }
  tok = push (tokens, DF_TOK_CHARCONST, (guint) (start - text), (guint) (s - start), text);
  tok->charval = (guint8) out->str[0];
  *p = s;
  return TRUE;
}

GPtrArray *
df_lex (const char          *text,
        GPtrArray           *warnings,
        RemoraDfilterError **error)
{
  g_autoptr(GPtrArray) tokens = g_ptr_array_new_with_free_func (token_free);
  const char *p = text;

  while (*p != '\0')
    {
      guint at = (guint) (p - text);
      char c = *p;

      if (g_ascii_isspace (c))
        {
          p++;
          continue;
        }

#define ONE(t) { push (tokens, (t), at, 1, NULL); p++; continue; }
#define TWO(t) { push (tokens, (t), at, 2, NULL); p += 2; continue; }
      switch (c)
        {
        case '(': ONE (DF_TOK_LPAREN);
        case ')': ONE (DF_TOK_RPAREN);
        case '{': ONE (DF_TOK_LBRACE);
        case '}': ONE (DF_TOK_RBRACE);
        case ',': ONE (DF_TOK_COMMA);
        case '#': ONE (DF_TOK_HASH);
        case '+': ONE (DF_TOK_PLUS);
        case '-': ONE (DF_TOK_MINUS);
        case '*': ONE (DF_TOK_STAR);
        case '%': ONE (DF_TOK_PERCENT);
        case '=':
          if (p[1] == '=' && p[2] == '=')
            {
              push (tokens, DF_TOK_ALL_EQ, at, 3, NULL);
              p += 3;
              continue;
            }
          if (p[1] == '=')
            TWO (DF_TOK_ANY_EQ);
          break;
        case '!':
          if (p[1] == '=' && p[2] == '=')
            {
              push (tokens, DF_TOK_ANY_NE, at, 3, NULL);
              p += 3;
              continue;
            }
          if (p[1] == '=')
            TWO (DF_TOK_ALL_NE);
          ONE (DF_TOK_NOT);
        case '~':
          if (p[1] == '=')
            {
              const char *w = "The operator \"~=\" is deprecated, use \"!==\" instead.";
              if (warnings != NULL)
                {
                  gboolean seen = FALSE;
                  for (guint i = 0; i < warnings->len; i++)
                    seen |= g_str_equal (g_ptr_array_index (warnings, i), w);
                  if (!seen)
                    g_ptr_array_add (warnings, g_strdup (w));
                }
              TWO (DF_TOK_ANY_NE);
            }
          ONE (DF_TOK_MATCHES);
        case '>':
          if (p[1] == '=')
            TWO (DF_TOK_GE);
          ONE (DF_TOK_GT);
        case '<':
          if (p[1] == '=')
            TWO (DF_TOK_LE);
          ONE (DF_TOK_LT);
        case '&':
          if (p[1] == '&')
            TWO (DF_TOK_AND);
          ONE (DF_TOK_BITAND);
        case '|':
          if (p[1] == '|')
            TWO (DF_TOK_OR);
          break;
        case '.':
          if (p[1] == '.')
            TWO (DF_TOK_DOTDOT);
          break;
        case '"':
          if (!lex_string (text, &p, FALSE, tokens, error))
            return NULL;
          continue;
        case '\'':
          if (!lex_charconst (text, &p, tokens, error))
            return NULL;
          continue;
        case '[':
          {
            const char *end = strchr (p, ']');
            DfToken *tok;

            if (end == NULL)
              {
                guint n = (guint) strlen (text);
                df_set_error (error, n, 0, "The right bracket was missing from a slice.");
                return NULL;
              }
            tok = push (tokens, DF_TOK_SLICE, at, (guint) (end - p) + 1, NULL);
            tok->text = g_strndup (p + 1, (gsize) (end - p) - 1);
            tok->text_len = (gsize) (end - p) - 1;
            p = end + 1;
            continue;
          }
        case '/':
          /* a literal may start with ':' or contain '/', but a lone '/' divides */
          ONE (DF_TOK_SLASH);
        default:
          break;
        }
#undef ONE
#undef TWO

      if (c == 'r' && p[1] == '"')
        {
          if (!lex_string (text, &p, TRUE, tokens, error))
            return NULL;
          continue;
        }

      if (is_word_char (c))
        {
          const char *s = p;
          DfTokType type = DF_TOK_LITERAL;
          guint len;

          while (is_word_char (*s) && !(s[0] == '.' && s[1] == '.'))
            s++;
          len = (guint) (s - p);
          for (gsize k = 0; k < G_N_ELEMENTS (keywords); k++)
            if (strlen (keywords[k].word) == len && strncmp (keywords[k].word, p, len) == 0)
              type = keywords[k].type;
          if (type == DF_TOK_LITERAL && *s == '(')
            type = DF_TOK_FUNCTION;
          push (tokens, type, at, len, type == DF_TOK_LITERAL || type == DF_TOK_FUNCTION ? text : NULL);
          if (type != DF_TOK_LITERAL && type != DF_TOK_FUNCTION)
            {
              /* keep the spelling for messages ("bitwise_and" was unexpected) */
              DfToken *tok = g_ptr_array_index (tokens, tokens->len - 1);
              tok->text = g_strndup (p, len);
              tok->text_len = len;
            }
          p = s;
          continue;
        }

      if ((guchar) c < 0x20 || (guchar) c == 0x7f)
        {
          df_set_error (error, at, 1, "Non-printable ASCII characters may only appear inside double-quotes.");
          return NULL;
        }
      {
        /* one whole UTF-8 character for the message */
        const char *next = g_utf8_find_next_char (p, NULL);
        guint n = next != NULL && *next != '\0' ? (guint) (next - p) : (guint) strlen (p);
        g_autofree char *t = NULL;

        if (n == 0)
          n = 1;
        t = g_strndup (p, n);
        df_set_error (error, at, n, "\"%s\" was unexpected in this context.", t);
        return NULL;
      }
    }
  push (tokens, DF_TOK_EOF, (guint) (p - text), 0, NULL);
  return g_steal_pointer (&tokens);
}
