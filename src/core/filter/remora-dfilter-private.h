/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-dfilter.h"
#include "remora-field.h"

G_BEGIN_DECLS

/* ---- lexer ---- */

typedef enum {
  DF_TOK_EOF,
  DF_TOK_LPAREN,
  DF_TOK_RPAREN,
  DF_TOK_LBRACE,
  DF_TOK_RBRACE,
  DF_TOK_COMMA,
  DF_TOK_DOTDOT,
  DF_TOK_HASH,
  DF_TOK_SLICE,        /* "[...]": text holds what is between the brackets */
  DF_TOK_AND,
  DF_TOK_OR,
  DF_TOK_NOT,
  DF_TOK_ANY_EQ,       /* == eq any_eq */
  DF_TOK_ALL_EQ,       /* === all_eq */
  DF_TOK_ALL_NE,       /* != ne all_ne */
  DF_TOK_ANY_NE,       /* !== any_ne ~= */
  DF_TOK_GT,
  DF_TOK_GE,
  DF_TOK_LT,
  DF_TOK_LE,
  DF_TOK_CONTAINS,
  DF_TOK_MATCHES,
  DF_TOK_IN,
  DF_TOK_BITAND,
  DF_TOK_PLUS,
  DF_TOK_MINUS,
  DF_TOK_STAR,
  DF_TOK_SLASH,
  DF_TOK_PERCENT,
  DF_TOK_ANY,
  DF_TOK_ALL,
  DF_TOK_STRING,       /* text = decoded bytes (text_len), NUL-terminated too */
  DF_TOK_CHARCONST,    /* charval */
  DF_TOK_LITERAL,      /* a bare word: field name, number, address, value name */
  DF_TOK_FUNCTION,     /* a word directly followed by "(" (the "(" is the next token) */
} DfTokType;

typedef struct {
  DfTokType  type;
  guint      start;
  guint      len;
  char      *text;
  gsize      text_len;
  guint64    charval;
} DfToken;

/* Error helpers shared by the phases. */
void       df_set_error       (RemoraDfilterError **error,
                               guint                start,
                               guint                len,
                               const char          *format,
                               ...) G_GNUC_PRINTF (4, 5);

GPtrArray *df_lex             (const char          *text,
                               GPtrArray           *warnings,
                               RemoraDfilterError **error);
const char *df_token_name     (DfTokType            type);

/* ---- syntax tree ---- */

typedef enum {
  DF_AST_AND,
  DF_AST_OR,
  DF_AST_NOT,
  DF_AST_TEST,       /* a OP b, op is a DfTokType relation */
  DF_AST_IN,         /* a in { args }; negated for "not in" */
  DF_AST_BARE,       /* an entity used as a test: existence or non-zero */
  /* entities */
  DF_AST_LITERAL,
  DF_AST_STRING,
  DF_AST_CHARCONST,
  DF_AST_FIELD,      /* made by the checker from a literal */
  DF_AST_CONST,      /* made by the checker: a typed value */
  DF_AST_SLICE,      /* a[ranges] */
  DF_AST_FUNCTION,   /* text(args) */
  DF_AST_ARITH,      /* a op b, op is DF_TOK_PLUS ... DF_TOK_BITAND */
  DF_AST_NEG,        /* -a */
  DF_AST_RANGE,      /* set element a..b */
} DfAstKind;

typedef struct {
  gint32   start;
  gint32   len;       /* meaning depends on kind */
  guint8   kind;      /* DfRangeKind */
} DfRange;

typedef enum {
  DF_RANGE_LEN,       /* i:j */
  DF_RANGE_END,       /* i-j (end inclusive; len holds the end) */
  DF_RANGE_TO_END,    /* i: */
} DfRangeKind;

typedef enum {
  DF_V_NONE,
  DF_V_UINT,
  DF_V_INT,
  DF_V_BOOL,
  DF_V_DOUBLE,
  DF_V_TIME,
  DF_V_IPV4,
  DF_V_IPV6,
  DF_V_ETHER,
  DF_V_BYTES,
  DF_V_STRING,
} DfValueKind;

/* One value: a field occurrence's, or a constant's. */
typedef struct {
  guint8   kind;       /* DfValueKind */
  guint8   prefix;     /* IPv4/IPv6 mask bits (32/128 for a full address) */
  guint32  len;        /* BYTES/STRING: byte length; fields: the node's length */
  union {
    guint64       u;
    gint64        i;
    double        d;
    guint8        addr[16];
    const guint8 *ptr;
  };
} DfValue;

typedef struct _DfAst DfAst;
struct _DfAst {
  DfAstKind   kind;
  guint       start;
  guint       len;
  int         op;         /* DfTokType */
  int         quant;      /* 0, DF_TOK_ANY or DF_TOK_ALL */
  gboolean    negated;
  DfAst      *a;
  DfAst      *b;
  GPtrArray  *args;       /* DfAst*: function arguments, set elements */
  char       *text;       /* literal / string bytes / function name / op text */
  gsize       text_len;
  guint64     charval;
  /* field#layer */
  gboolean    has_layer;
  int         layer_lo;
  int         layer_hi;
  /* slices */
  GArray     *ranges;     /* DfRange */
  /* filled by the checker */
  int         field_id;
  RemoraFieldType ftype;
  DfValue     value;      /* DF_AST_CONST */
  GBytes     *owned;      /* storage behind value.ptr */
  GRegex     *regex;      /* matches */
};

/* X op Y for the integer operators (+ - * / % &); FALSE when the result
 * has no value (overflow, division by zero).  The evaluator and the
 * checker's constant folding share it so both give the same answer. */
gboolean   df_int_arith       (int                  op,
                               gint64               x,
                               gint64               y,
                               gint64              *r);

DfAst     *df_ast_new         (DfAstKind            kind,
                               guint                start,
                               guint                len);
void       df_ast_free        (DfAst               *ast);
/* NULL with no error for an empty filter. */
DfAst     *df_parse           (GPtrArray           *tokens,
                               const char          *text,
                               RemoraDfilterError **error);

/* ---- checker ---- */

gboolean   df_check           (DfAst               *root,
                               const char          *text,
                               GPtrArray           *warnings,
                               RemoraDfilterError **error);
/* Wireshark's pretty names: "Unsigned integer (2 bytes)". */
const char *df_type_pretty_name (RemoraFieldType    type);
DfValueKind df_value_kind_for  (RemoraFieldType     type);

/* ---- compiled tree and evaluation ---- */

typedef enum {
  DF_X_FIELD,
  DF_X_CONST,
  DF_X_SLICE,
  DF_X_FUNC,
  DF_X_ARITH,
  DF_X_NEG,
} DfExprKind;

typedef enum {
  DF_FN_LEN,
  DF_FN_COUNT,
  DF_FN_STRING,
  DF_FN_UPPER,
  DF_FN_LOWER,
  DF_FN_ABS,
  DF_FN_MAX,
  DF_FN_MIN,
} DfFunc;

typedef struct _DfExpr DfExpr;
struct _DfExpr {
  DfExprKind       kind;
  RemoraFieldType  ftype;
  DfValueKind      vkind;
  /* field */
  int             *ids;
  guint            n_ids;
  int              first_id;
  int              layer_proto;   /* -1 without a layer */
  int              layer_lo, layer_hi;
  /* operands */
  DfExpr          *a, *b;
  DfExpr         **args;
  guint            n_args;
  int              op;
  DfFunc           fn;
  DfRange         *ranges;
  guint            n_ranges;
  char            *text;          /* for explain */
  /* values: constant ones are filled once; the others on every packet */
  GArray          *vals;          /* DfValue */
  GByteArray      *scratch;       /* bytes behind values this expression made */
  GString         *tmp;
};

typedef enum {
  DF_P_TRUE,
  DF_P_AND,
  DF_P_OR,
  DF_P_NOT,
  DF_P_EXISTS,
  DF_P_CMP,        /* op, all/any */
  DF_P_IN,
  DF_P_CONTAINS,
  DF_P_MATCHES,
  DF_P_NONZERO,
} DfPredKind;

typedef struct _DfPred DfPred;
struct _DfPred {
  DfPredKind   kind;
  int          op;
  gboolean     all;       /* every pair must satisfy op */
  DfPred      *a, *b;
  DfExpr      *lhs, *rhs;
  DfExpr     **set_lo;    /* IN: element i is lo[i]..hi[i] (hi NULL = single) */
  DfExpr     **set_hi;
  guint        n_set;
  GRegex      *regex;
  char        *regex_text;
};

DfPred    *df_compile         (DfAst               *root,
                               guint8              *wanted);
void       df_pred_free       (DfPred              *pred);
void       df_explain         (DfPred              *pred,
                               int                  depth,
                               GString             *out);
gboolean   df_eval            (DfPred              *pred,
                               const RemoraPacket  *pkt);

G_END_DECLS
