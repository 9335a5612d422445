/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-dissect"

#include "config.h"

#include "remora-dissect.h"

#include <gio/gio.h>
#include <setjmp.h>
#include <string.h>

#include "remora-packet-private.h"

/* Deeper nesting than this is an attack (IP in IP in IP ...), not traffic;
 * it reads as malformed.  Room for 100 two-protocol tunnels (GRE in IP),
 * which tshark dissects to the end, at well under 1 MiB of stack. */
#define MAX_DISSECTOR_DEPTH 256

struct _RemoraDissector {
  const char        *name;
  int                proto;
  RemoraDissectFunc  func;
};

/* Written at start-up under remora_dissectors_init's once, read-only after. */
static GHashTable *dissectors;   /* name -> RemoraDissector */
/* Handoff tables, few and read on every packet: a short array searched by
 * the name's address first (callers pass the same literal), then by text. */
typedef struct {
  const char *name;
  GHashTable *entries;   /* key -> RemoraDissector */
} Table;
static Table tables[32];
static guint n_tables;
static GHashTable *prefs;        /* name -> Pref */
static GHashTable *heuristics;   /* list name -> GPtrArray of RemoraDissector */

static int proto_malformed = -1;
static int proto_short = -1;
static RemoraDissector *data_dissector;

typedef struct {
  const char *name;
  const char *description;
  gboolean   *bool_var;
  guint      *uint_var;
} Pref;

RemoraDissector *
remora_dissector_register (const char        *name,
                           int                proto,
                           RemoraDissectFunc  func)
{
  RemoraDissector *d = g_new0 (RemoraDissector, 1);

  if (dissectors == NULL)
    dissectors = g_hash_table_new (g_str_hash, g_str_equal);
  d->name = name;
  d->proto = proto;
  d->func = func;
  g_hash_table_replace (dissectors, (gpointer) name, d);
  return d;
}

RemoraDissector *
remora_dissector_find (const char *name)
{
  return dissectors ? g_hash_table_lookup (dissectors, name) : NULL;
}

int
remora_dissector_get_proto (const RemoraDissector *dissector)
{
  return dissector->proto;
}

int
remora_call_dissector (RemoraDissector *dissector,
                       const RemoraTvb *tvb,
                       RemoraPacket    *pkt,
                       RemoraItem       tree,
                       void            *data)
{
  int saved_proto = pkt->current_proto;
  guint saved_layers = pkt->n_layers;
  int result;

  if (pkt->depth >= MAX_DISSECTOR_DEPTH)
    remora_packet_throw (pkt, REMORA_EXC_MALFORMED);
  pkt->depth++;
  remora_packet_push_layer (pkt, dissector->proto);
  result = dissector->func (tvb, pkt, tree, data);
  pkt->depth--;
  if (result == 0)
    {
      /* declined: it was never a layer of this frame */
      pkt->n_layers = saved_layers;
      pkt->current_proto = saved_proto;
    }
  return result;
}

static void
show_exception (RemoraPacket    *pkt,
                const RemoraTvb *tvb,
                RemoraItem       tree,
                RemoraException  exc)
{
  const RemoraFieldInfo *cur = remora_field_get (pkt->current_proto);
  const char *name = cur ? (cur->short_name ? cur->short_name : cur->name) : "Frame";
  RemoraItem item;

  if (pkt->exception == REMORA_EXC_NONE)
    pkt->exception = exc;

  if (exc == REMORA_EXC_TRUNCATED)
    {
      item = remora_add_protocol (pkt, tree, proto_short, tvb, 0, 0);
      remora_item_set_text (pkt, item, "[Packet size limited during capture: %s truncated]", name);
      if (item)
        ((RemoraNode *) remora_packet_get_node (pkt, item))->flags |= REMORA_NODE_TRUNCATED;
      remora_col_append_info (pkt, "[Packet size limited during capture]");
    }
  else
    {
      item = remora_add_protocol (pkt, tree, proto_malformed, tvb, 0, 0);
      remora_item_set_text (pkt, item, "[Malformed Packet: %s]", name);
      if (item)
        ((RemoraNode *) remora_packet_get_node (pkt, item))->flags |= REMORA_NODE_MALFORMED;
      remora_add_expert (pkt, item, tvb, 0, 0, "Error", "Malformed", "Malformed Packet (Exception occurred)");
      remora_col_append_info (pkt, "[Malformed Packet]");
    }
}

int
remora_call_dissector_guarded (RemoraDissector *dissector,
                               const RemoraTvb *tvb,
                               RemoraPacket    *pkt,
                               RemoraItem       tree,
                               void            *data)
{
  jmp_buf env;
  void *saved_jmp = pkt->jmp;
  guint saved_depth = pkt->depth;
  volatile int result = 0;
  int exc;

  pkt->jmp = &env;
  exc = setjmp (env);
  if (exc == 0)
    result = remora_call_dissector (dissector, tvb, pkt, tree, data);
  else
    {
      pkt->jmp = saved_jmp;
      pkt->depth = saved_depth;
      show_exception (pkt, tvb, tree, (RemoraException) exc);
      result = (int) tvb->captured;
    }
  pkt->jmp = saved_jmp;
  return result;
}

int
remora_call_data (const RemoraTvb *tvb,
                  RemoraPacket    *pkt,
                  RemoraItem       tree)
{
  if (remora_tvb_reported_remaining (tvb, 0) == 0)
    return 0;
  if (data_dissector == NULL)
    data_dissector = remora_dissector_find ("data");
  return remora_call_dissector (data_dissector, tvb, pkt, tree, NULL);
}

/* ---- tables ---- */

static GHashTable *
find_table (const char *name)
{
  for (guint i = 0; i < n_tables; i++)
    if (tables[i].name == name)
      return tables[i].entries;
  for (guint i = 0; i < n_tables; i++)
    if (strcmp (tables[i].name, name) == 0)
      return tables[i].entries;
  return NULL;
}

void
remora_table_register (const char *table)
{
  if (find_table (table) != NULL)
    return;
  g_return_if_fail (n_tables < G_N_ELEMENTS (tables));
  tables[n_tables].name = table;
  tables[n_tables].entries = g_hash_table_new (NULL, NULL);
  n_tables++;
}

void
remora_table_add_uint (const char      *table,
                       guint32          key,
                       RemoraDissector *dissector)
{
  GHashTable *t = find_table (table);

  g_return_if_fail (t != NULL);
  g_return_if_fail (dissector != NULL);
  g_hash_table_replace (t, GUINT_TO_POINTER (key), dissector);
}

RemoraDissector *
remora_table_lookup_uint (const char *table,
                          guint32     key)
{
  GHashTable *t = find_table (table);

  return t ? g_hash_table_lookup (t, GUINT_TO_POINTER (key)) : NULL;
}

int
remora_table_try_uint (const char      *table,
                       guint32          key,
                       const RemoraTvb *tvb,
                       RemoraPacket    *pkt,
                       RemoraItem       tree,
                       void            *data)
{
  RemoraDissector *d = remora_table_lookup_uint (table, key);

  return d ? remora_call_dissector (d, tvb, pkt, tree, data) : 0;
}

/* ---- heuristic lists ---- */

void
remora_heur_register (const char *list)
{
  if (heuristics == NULL)
    heuristics = g_hash_table_new (g_str_hash, g_str_equal);
  if (!g_hash_table_contains (heuristics, list))
    g_hash_table_insert (heuristics, (gpointer) list, g_ptr_array_new ());
}

void
remora_heur_add (const char      *list,
                 RemoraDissector *dissector)
{
  GPtrArray *l = heuristics ? g_hash_table_lookup (heuristics, list) : NULL;

  g_return_if_fail (l != NULL);
  g_return_if_fail (dissector != NULL);
  g_ptr_array_add (l, dissector);
}

int
remora_heur_try (const char      *list,
                 const RemoraTvb *tvb,
                 RemoraPacket    *pkt,
                 RemoraItem       tree,
                 void            *data)
{
  GPtrArray *l = heuristics ? g_hash_table_lookup (heuristics, list) : NULL;

  for (guint i = 0; l != NULL && i < l->len; i++)
    {
      int r = remora_call_dissector_guarded (g_ptr_array_index (l, i), tvb, pkt, tree, data);

      if (r > 0)
        return r;
    }
  return 0;
}

/* ---- preferences ---- */

static void
add_pref (Pref *pref)
{
  if (prefs == NULL)
    prefs = g_hash_table_new (g_str_hash, g_str_equal);
  g_hash_table_replace (prefs, (gpointer) pref->name, pref);
}

void
remora_pref_register_bool (const char *name,
                           gboolean   *var,
                           const char *description)
{
  Pref *pref = g_new0 (Pref, 1);

  pref->name = name;
  pref->description = description;
  pref->bool_var = var;
  add_pref (pref);
}

void
remora_pref_register_uint (const char *name,
                           guint      *var,
                           const char *description)
{
  Pref *pref = g_new0 (Pref, 1);

  pref->name = name;
  pref->description = description;
  pref->uint_var = var;
  add_pref (pref);
}

gboolean
remora_pref_set (const char  *name,
                 const char  *value,
                 GError     **error)
{
  Pref *pref = prefs ? g_hash_table_lookup (prefs, name) : NULL;

  if (pref == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "No such preference \"%s\"", name);
      return FALSE;
    }
  if (pref->bool_var)
    {
      if (g_ascii_strcasecmp (value, "true") == 0 || g_strcmp0 (value, "1") == 0 || g_ascii_strcasecmp (value, "TRUE") == 0)
        *pref->bool_var = TRUE;
      else if (g_ascii_strcasecmp (value, "false") == 0 || g_strcmp0 (value, "0") == 0)
        *pref->bool_var = FALSE;
      else
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "Invalid value \"%s\" for preference \"%s\" (expected TRUE or FALSE)", value, name);
          return FALSE;
        }
      return TRUE;
    }
  else
    {
      guint64 v;

      if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &v, NULL))
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "Invalid value \"%s\" for preference \"%s\" (expected a number)", value, name);
          return FALSE;
        }
      *pref->uint_var = (guint) v;
      return TRUE;
    }
}

/* The pseudo-protocols the engine itself reports through. */
void
remora_dissect_register_engine_protocols (void)
{
  proto_malformed = remora_proto_register ("Malformed Packet", "Malformed", "_ws.malformed");
  proto_short = remora_proto_register ("Short Frame", "Short", "_ws.short");
}
