/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-cli"

#include "config.h"

#include "remora-cli-private.h"

#include <string.h>

/* Every -e names a group: the occurrences of one abbreviation (all the
 * fields registered under it) or one column.  Groups collect per packet
 * into reused buffers, so a packet allocates nothing once they have grown. */
typedef struct {
  GString *values;
  guint    count;
  int      column;      /* RemoraCliColumn, or -1 for a registry field */
} Group;

struct _RemoraCliFields {
  GArray  *groups;      /* Group */
  int     *slots;       /* -e index -> group index */
  guint    n_slots;
  int     *group_of;    /* field id -> group index, or -1 */
  guint    n_ids;
  gboolean need_columns;
};

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static int
find_group (RemoraCliFields  *fields,
            GPtrArray        *names,
            guint             upto,
            const char       *name)
{
  for (guint i = 0; i < upto; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return fields->slots[i];
  return -1;
}

RemoraCliFields *
remora_cli_fields_new (RemoraCli  *cli,
                       GError    **error)
{
  GPtrArray *names = cli->options->fields;
  RemoraCliFields *fields = g_new0 (RemoraCliFields, 1);
  g_autoptr(GPtrArray) invalid = g_ptr_array_new ();

  fields->groups = g_array_new (FALSE, TRUE, sizeof (Group));
  fields->n_slots = names->len;
  fields->slots = g_new0 (int, names->len);
  fields->n_ids = cli->n_fields;
  fields->group_of = g_new (int, MAX (cli->n_fields, 1u));
  for (guint i = 0; i < cli->n_fields; i++)
    fields->group_of[i] = -1;

  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);
      RemoraCliColumn column;
      Group group = { NULL, 0, -1 };
      int existing = find_group (fields, names, i, name);
      int id;

      if (existing >= 0)
        {
          fields->slots[i] = existing;
          continue;
        }
      if (remora_cli_column_lookup (name, &column))
        {
          group.column = column;
          if (remora_cli_column_needs_dissection (column))
            fields->need_columns = TRUE;
        }
      else
        {
          id = remora_field_lookup (name);
          if (id < 0)
            {
              g_ptr_array_add (invalid, (gpointer) name);
              fields->slots[i] = -1;
              continue;
            }
          for (; id >= 0; id = remora_field_get (id)->same_name_next)
            {
              fields->group_of[id] = (int) fields->groups->len;
              cli->wanted[id] = 1;
            }
        }
      group.values = g_string_sized_new (64);
      fields->slots[i] = (int) fields->groups->len;
      g_array_append_val (fields->groups, group);
    }

  if (invalid->len > 0)
    {
      GString *msg = g_string_new ("Some fields aren't valid:");

      g_ptr_array_sort (invalid, compare_names);
      for (guint i = 0; i < invalid->len; i++)
        g_string_append_printf (msg, "\n\t%s", (const char *) g_ptr_array_index (invalid, i));
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, msg->str);
      g_string_free (msg, TRUE);
      remora_cli_fields_free (fields);
      return NULL;
    }
  return fields;
}

void
remora_cli_fields_free (RemoraCliFields *fields)
{
  if (fields == NULL)
    return;
  for (guint i = 0; i < fields->groups->len; i++)
    {
      Group *g = &g_array_index (fields->groups, Group, i);

      if (g->values != NULL)
        g_string_free (g->values, TRUE);
    }
  g_array_unref (fields->groups);
  g_free (fields->slots);
  g_free (fields->group_of);
  g_free (fields);
}

gboolean
remora_cli_fields_need_columns (RemoraCliFields *fields)
{
  return fields->need_columns;
}

void
remora_cli_fields_print_header (RemoraCli *cli)
{
  GPtrArray *names = cli->options->fields;

  for (guint i = 0; i < names->len; i++)
    {
      if (i > 0)
        g_string_append_c (cli->out, cli->options->separator);
      g_string_append (cli->out, g_ptr_array_index (names, i));
    }
  g_string_append_c (cli->out, '\n');
}

static inline void
collect (RemoraCli          *cli,
         RemoraCliFields    *fields,
         const RemoraNode   *node)
{
  Group *g;
  int gi;

  if (node->field < 0 || (guint) node->field >= fields->n_ids)
    return;
  gi = fields->group_of[node->field];
  if (gi < 0)
    return;
  g = &g_array_index (fields->groups, Group, gi);

  switch (cli->options->occurrence)
    {
    case 'f':
      if (g->count > 0)
        return;
      break;
    case 'l':
      g_string_truncate (g->values, 0);
      break;
    default:
      if (g->count > 0)
        g_string_append_c (g->values, cli->options->aggregator);
      break;
    }
  g->count++;
  remora_format_value (remora_field_get (node->field), node, REMORA_FORMAT_FIELDS, g->values);
}

static void
collect_tree (RemoraCli          *cli,
              RemoraCliFields    *fields,
              const RemoraPacket *pkt,
              RemoraItem          item)
{
  for (; item != 0; item = remora_packet_get_node (pkt, item)->next_sibling)
    {
      const RemoraNode *node = remora_packet_get_node (pkt, item);

      collect (cli, fields, node);
      if (node->first_child != 0)
        collect_tree (cli, fields, pkt, node->first_child);
    }
}

void
remora_cli_fields_print (RemoraCli          *cli,
                         const RemoraPacket *pkt)
{
  RemoraCliFields *fields = cli->fields;
  GString *out = cli->out;
  char quote = cli->options->quote;

  for (guint i = 0; i < fields->groups->len; i++)
    {
      Group *g = &g_array_index (fields->groups, Group, i);

      g_string_truncate (g->values, 0);
      g->count = 0;
      if (g->column >= 0)
        {
          remora_cli_column_append (cli, pkt, g->column, g->values);
          g->count = 1;
        }
    }

  /* Fields mode records only wanted nodes, in the order the dissectors
   * added them; a full tree is walked in tree order, as tshark does. */
  if (pkt->tree_mode)
    collect_tree (cli, fields, pkt, remora_packet_get_first_root (pkt));
  else
    {
      const RemoraNode *nodes = (const RemoraNode *) (const void *) pkt->nodes->data;
      guint n = pkt->nodes->len;

      for (guint i = 0; i < n; i++)
        collect (cli, fields, &nodes[i]);
    }

  for (guint i = 0; i < fields->n_slots; i++)
    {
      Group *g = &g_array_index (fields->groups, Group, fields->slots[i]);

      if (i > 0)
        g_string_append_c (out, cli->options->separator);
      if (g->count == 0)
        continue;
      if (quote)
        g_string_append_c (out, quote);
      g_string_append_len (out, g->values->str, g->values->len);
      if (quote)
        g_string_append_c (out, quote);
    }
  g_string_append_c (out, '\n');
}
