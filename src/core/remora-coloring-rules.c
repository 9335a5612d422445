/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-coloring-rules"

#include "config.h"

#include "remora-coloring-rules.h"

#include <string.h>

#include "remora-dfilter.h"
#include "remora-dfilter-private.h"
#include "remora-dissectors.h"
#include "remora-field.h"

/* Wireshark 4.0's default colorfilters, in its order: name, filter,
 * background, foreground (16-bit channels). */
typedef struct {
  const char *name;
  const char *filter;
  RemoraRgb   background;
  RemoraRgb   foreground;
} RuleDef;

#define DARK { 4718, 10030, 11796 }

static const RuleDef default_rules[] = {
  { "Bad TCP",
    "tcp.analysis.flags && !tcp.analysis.window_update && !tcp.analysis.keep_alive && !tcp.analysis.keep_alive_ack",
    DARK, { 63479, 34695, 34695 } },
  { "HSRP State Change", "hsrp.state != 8 && hsrp.state != 16",
    DARK, { 65535, 64764, 40092 } },
  { "Spanning Tree Topology  Change", "stp.type == 0x80",
    DARK, { 65535, 64764, 40092 } },
  { "OSPF State Change", "ospf.msg != 1",
    DARK, { 65535, 64764, 40092 } },
  { "ICMP errors", "icmp.type in { 3..5, 11 } || icmpv6.type in { 1..4 }",
    DARK, { 47031, 63479, 29812 } },
  { "ARP", "arp",
    { 64250, 61680, 55255 }, DARK },
  { "ICMP", "icmp || icmpv6",
    { 64764, 57568, 65535 }, DARK },
  { "TCP RST", "tcp.flags.reset eq 1",
    { 42148, 0, 0 }, { 65535, 64764, 40092 } },
  { "SCTP ABORT", "sctp.chunk_type eq ABORT",
    { 42148, 0, 0 }, { 65535, 64764, 40092 } },
  { "TTL low or unexpected",
    "(ip.dst != 224.0.0.0/4 && ip.ttl < 5 && !pim && !ospf) || (ip.dst == 224.0.0.0/24 && ip.dst != 224.0.0.251 && ip.ttl != 1 && !(vrrp || carp))",
    { 42148, 0, 0 }, { 60652, 61680, 60395 } },
  { "Checksum Errors",
    "eth.fcs.status==\"Bad\" || ip.checksum.status==\"Bad\" || tcp.checksum.status==\"Bad\" || udp.checksum.status==\"Bad\" || sctp.checksum.status==\"Bad\" || mstp.checksum.status==\"Bad\" || cdp.checksum.status==\"Bad\" || edp.checksum.status==\"Bad\" || wlan.fcs.status==\"Bad\" || stt.checksum.status==\"Bad\"",
    DARK, { 63479, 34695, 34695 } },
  { "SMB", "smb || nbss || nbns || netbios",
    { 65278, 65535, 53456 }, DARK },
  { "HTTP", "http || tcp.port == 80 || http2",
    { 58596, 65535, 51143 }, DARK },
  { "DCERPC", "dcerpc",
    { 51199, 38706, 65533 }, DARK },
  { "Routing", "hsrp || eigrp || ospf || bgp || cdp || vrrp || carp || gvrp || igmp || ismp",
    { 65534, 62325, 54808 }, DARK },
  { "TCP SYN/FIN", "tcp.flags & 0x02 || tcp.flags.fin == 1",
    { 41026, 41026, 41026 }, DARK },
  { "TCP", "tcp",
    { 59345, 58980, 65535 }, DARK },
  { "UDP", "udp",
    { 56026, 61166, 65535 }, DARK },
  { "Broadcast", "eth[0] & 1",
    { 65535, 65535, 65535 }, { 47802, 48573, 46774 } },
  { "System Event", "systemd_journal || sysdig",
    { 59110, 59110, 59110 }, { 11565, 28527, 39578 } },
};

#undef DARK

typedef struct {
  char          *effective;   /* NULL: cannot match here */
  RemoraDfilter *dfilter;     /* NULL: dropped */
} Rule;

struct _RemoraColoringRules
{
  Rule    rules[G_N_ELEMENTS (default_rules)];
  guint8 *wanted;
};

/* ---- fields Remora does not have ----
 *
 * The defaults name protocols Remora has no dissector for (SMB, OSPF,
 * HSRP, SCTP, ...).  Such a field is absent from every packet Remora
 * dissects, and Wireshark 4.0 gives every test of an absent field a
 * definite answer: an existence test, "==", "!=", "in", "<" ... are all
 * false (tshark agrees: "icmp.type != 8" matches no packet without ICMP).
 * So each such test is replaced by FALSE and the rule simplified; what is
 * left means exactly what the whole meant on every packet Remora can
 * produce.  A rule that simplifies to FALSE is dropped.  Anything this does
 * not understand (a function of an unknown field) keeps the compile error,
 * and the rule is dropped with a debug message. */

typedef enum {
  REDUCED_FALSE,
  REDUCED_TRUE,
  REDUCED_TEXT,
} Reduced;

/* A word where a field belongs that names no field here.  Values (numbers,
 * addresses, "ABORT") only ever stand on the right of a comparison, which
 * is never looked at. */
static gboolean
is_unknown_field (const DfAst *entity)
{
  if (entity == NULL)
    return FALSE;
  switch (entity->kind)
    {
    case DF_AST_LITERAL:
      if (entity->text == NULL || !g_ascii_isalpha (entity->text[0]))
        return FALSE;
      for (const char *c = entity->text; *c != '\0'; c++)
        if (!g_ascii_isalnum (*c) && *c != '.' && *c != '_' && *c != '-')
          return FALSE;
      return remora_field_lookup (entity->text) < 0;
    case DF_AST_SLICE:
    case DF_AST_NEG:
      return is_unknown_field (entity->a);
    case DF_AST_ARITH:
      return is_unknown_field (entity->a);
    default:
      return FALSE;
    }
}

static Reduced
reduce (const DfAst *ast,
        const char  *text,
        GString     *out,
        gboolean    *changed)
{
  g_autoptr(GString) left = NULL;
  g_autoptr(GString) right = NULL;
  Reduced a, b;

  switch (ast->kind)
    {
    case DF_AST_AND:
    case DF_AST_OR:
      left = g_string_new (NULL);
      right = g_string_new (NULL);
      a = reduce (ast->a, text, left, changed);
      b = reduce (ast->b, text, right, changed);
      if (ast->kind == DF_AST_AND)
        {
          if (a == REDUCED_FALSE || b == REDUCED_FALSE)
            return REDUCED_FALSE;
          if (a == REDUCED_TRUE && b == REDUCED_TRUE)
            return REDUCED_TRUE;
        }
      else
        {
          if (a == REDUCED_TRUE || b == REDUCED_TRUE)
            return REDUCED_TRUE;
          if (a == REDUCED_FALSE && b == REDUCED_FALSE)
            return REDUCED_FALSE;
        }
      /* One side left, or both: the other was neutral. */
      if (a != REDUCED_TEXT)
        g_string_append (out, right->str);
      else if (b != REDUCED_TEXT)
        g_string_append (out, left->str);
      else
        g_string_append_printf (out, "(%s) %s (%s)", left->str,
                                ast->kind == DF_AST_AND ? "&&" : "||", right->str);
      return REDUCED_TEXT;

    case DF_AST_NOT:
      left = g_string_new (NULL);
      a = reduce (ast->a, text, left, changed);
      if (a == REDUCED_TEXT)
        g_string_append_printf (out, "!(%s)", left->str);
      return a == REDUCED_TEXT ? REDUCED_TEXT : a == REDUCED_TRUE ? REDUCED_FALSE : REDUCED_TRUE;

    case DF_AST_TEST:
    case DF_AST_IN:
    case DF_AST_BARE:
      if (is_unknown_field (ast->a))
        {
          *changed = TRUE;
          return REDUCED_FALSE;
        }
      g_string_append_len (out, text + ast->start, ast->len);
      return REDUCED_TEXT;

    default:
      g_string_append_len (out, text + ast->start, ast->len);
      return REDUCED_TEXT;
    }
}

/* Returns the text to compile for FILTER (a copy when nothing is
 * missing), or NULL when the rule cannot match here. */
static char *
without_unknown_fields (const char *filter)
{
  g_autoptr(GPtrArray) warnings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) tokens = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  RemoraDfilterError *error = NULL;
  DfAst *ast = NULL;
  gboolean changed = FALSE;
  Reduced reduced;

  tokens = df_lex (filter, warnings, &error);
  if (tokens != NULL)
    ast = df_parse (tokens, filter, &error);
  if (ast == NULL)
    {
      /* Not ours to judge: the compiler says what is wrong. */
      g_clear_pointer (&error, remora_dfilter_error_free);
      return g_strdup (filter);
    }
  reduced = reduce (ast, filter, out, &changed);
  df_ast_free (ast);
  if (!changed)
    return g_strdup (filter);
  if (reduced == REDUCED_FALSE)
    return NULL;
  if (reduced == REDUCED_TRUE)
    return g_strdup ("");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* ---- the rule set ---- */

RemoraColoringRules *
remora_coloring_rules_new_default (void)
{
  static gsize reported = 0;
  gboolean report = g_once_init_enter (&reported);
  RemoraColoringRules *rules = g_new0 (RemoraColoringRules, 1);
  guint n_fields;

  remora_dissectors_init ();
  n_fields = remora_field_count ();
  rules->wanted = g_malloc0 (MAX (n_fields, 1));

  for (guint i = 0; i < G_N_ELEMENTS (default_rules); i++)
    {
      Rule *rule = &rules->rules[i];
      g_autoptr(RemoraDfilterError) error = NULL;
      const guint8 *wanted;

      rule->effective = without_unknown_fields (default_rules[i].filter);
      if (rule->effective == NULL)
        {
          if (report)
            g_debug ("Coloring rule “%s” left out: every test in it is of a field Remora does not dissect",
                     default_rules[i].name);
          continue;
        }
      rule->dfilter = remora_dfilter_compile (rule->effective, &error);
      if (rule->dfilter == NULL)
        {
          if (report)
            g_debug ("Coloring rule “%s” left out: %s", default_rules[i].name,
                     error != NULL ? error->message : "invalid filter");
          g_clear_pointer (&rule->effective, g_free);
          continue;
        }
      if (report && strcmp (rule->effective, default_rules[i].filter) != 0)
        g_debug ("Coloring rule “%s” runs as “%s” (fields Remora does not dissect are never present)",
                 default_rules[i].name, rule->effective);

      wanted = remora_dfilter_get_wanted (rule->dfilter);
      for (guint f = 0; f < n_fields; f++)
        rules->wanted[f] |= wanted[f];
    }

  if (report)
    g_once_init_leave (&reported, 1);
  return rules;
}

void
remora_coloring_rules_free (RemoraColoringRules *rules)
{
  if (rules == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (rules->rules); i++)
    {
      g_clear_pointer (&rules->rules[i].dfilter, remora_dfilter_free);
      g_free (rules->rules[i].effective);
    }
  g_free (rules->wanted);
  g_free (rules);
}

guint
remora_coloring_rules_get_n_rules (const RemoraColoringRules *rules)
{
  g_return_val_if_fail (rules != NULL, 0);

  return G_N_ELEMENTS (default_rules);
}

const char *
remora_coloring_rules_get_name (const RemoraColoringRules *rules,
                                guint                      index)
{
  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (index < G_N_ELEMENTS (default_rules), NULL);

  return default_rules[index].name;
}

const char *
remora_coloring_rules_get_filter (const RemoraColoringRules *rules,
                                  guint                      index)
{
  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (index < G_N_ELEMENTS (default_rules), NULL);

  return default_rules[index].filter;
}

const char *
remora_coloring_rules_get_effective_filter (const RemoraColoringRules *rules,
                                            guint                      index)
{
  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (index < G_N_ELEMENTS (default_rules), NULL);

  return rules->rules[index].dfilter != NULL ? rules->rules[index].effective : NULL;
}

void
remora_coloring_rules_get_colors (const RemoraColoringRules *rules,
                                  guint                      index,
                                  RemoraRgb                 *foreground,
                                  RemoraRgb                 *background)
{
  g_return_if_fail (rules != NULL);
  g_return_if_fail (index < G_N_ELEMENTS (default_rules));

  if (foreground != NULL)
    *foreground = default_rules[index].foreground;
  if (background != NULL)
    *background = default_rules[index].background;
}

int
remora_coloring_rules_lookup (const RemoraColoringRules *rules,
                              const char                *name)
{
  g_return_val_if_fail (rules != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < G_N_ELEMENTS (default_rules); i++)
    if (strcmp (default_rules[i].name, name) == 0)
      return (int) i;
  return -1;
}

const guint8 *
remora_coloring_rules_get_wanted (const RemoraColoringRules *rules)
{
  g_return_val_if_fail (rules != NULL, NULL);

  return rules->wanted;
}

int
remora_coloring_rules_match (RemoraColoringRules *rules,
                             const RemoraPacket  *pkt)
{
  g_return_val_if_fail (rules != NULL, -1);
  g_return_val_if_fail (pkt != NULL, -1);

  for (guint i = 0; i < G_N_ELEMENTS (rules->rules); i++)
    if (rules->rules[i].dfilter != NULL && remora_dfilter_match (rules->rules[i].dfilter, pkt))
      return (int) i;
  return -1;
}
