/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-window"

#include "config.h"

#include "remora-window-private.h"

#include "remora-packet-colors.h"
#include "remora-packet-row.h"

/* The packet list's colours and View > Colorize Packet List.  A row's
 * rule comes with its texts (one dissection, remora-capture-document.c);
 * its class goes on each of the row's cells as they are bound.  The
 * action "win.colorize-packets" is the colorize-packets setting itself
 * when the schema is installed. */

#define COLORIZE_KEY "colorize-packets"

static GQuark
rule_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("remora-window-row-rule");
  return quark;
}

static gboolean
colorize_enabled (RemoraWindow *self)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), COLORIZE_KEY);
  g_autoptr(GVariant) state = action != NULL ? g_action_get_state (action) : NULL;

  return state == NULL || g_variant_get_boolean (state);
}

/* The cell widget around a list item's child: the whole cell is
 * coloured, its padding included. */
static GtkWidget *
item_cell (GtkListItem *item)
{
  GtkWidget *child = gtk_list_item_get_child (item);

  return child != NULL ? gtk_widget_get_parent (child) : NULL;
}

static void
cell_bind (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           RemoraWindow             *self)
{
  RemoraPacketRow *row = gtk_list_item_get_item (item);
  GtkWidget *cell = item_cell (item);
  int rule;

  if (cell == NULL || row == NULL)
    return;
  rule = remora_packet_row_get_color_rule (row);
  g_object_set_qdata (G_OBJECT (cell), rule_quark (), GINT_TO_POINTER (rule + 1));
  remora_packet_colors_apply (cell, colorize_enabled (self) ? rule : -1);
}

static void
cell_unbind (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             RemoraWindow             *self)
{
  GtkWidget *cell = item_cell (item);

  if (cell == NULL)
    return;
  g_object_set_qdata (G_OBJECT (cell), rule_quark (), NULL);
  remora_packet_colors_apply (cell, -1);
}

/* Every bound cell under WIDGET takes its rule's class, or none. */
static void
recolor_cells (GtkWidget *widget,
               gboolean   colorize)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer rule = g_object_get_qdata (G_OBJECT (child), rule_quark ());

      if (rule != NULL)
        remora_packet_colors_apply (child, colorize ? GPOINTER_TO_INT (rule) - 1 : -1);
      else
        recolor_cells (child, colorize);
    }
}

static void
on_colorize_changed (RemoraWindow *self,
                     GParamSpec   *pspec,
                     GAction      *action)
{
  recolor_cells (GTK_WIDGET (self->column_view), colorize_enabled (self));
}

static GSettings *
colorize_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, "org.remora.Remora", TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, COLORIZE_KEY))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

void
_remora_window_colors_init (RemoraWindow *self)
{
  g_autoptr(GSettings) settings = colorize_settings ();
  g_autoptr(GAction) action = NULL;

  /* Without the schema (an uninstalled run) the choice lasts as long
   * as the window. */
  if (settings != NULL)
    action = g_settings_create_action (settings, COLORIZE_KEY);
  else
    action = G_ACTION (g_simple_action_new_stateful (COLORIZE_KEY, NULL, g_variant_new_boolean (TRUE)));
  g_action_map_add_action (G_ACTION_MAP (self), action);
  g_signal_connect_object (action, "notify::state", G_CALLBACK (on_colorize_changed),
                           self, G_CONNECT_SWAPPED);

  remora_packet_colors_ensure_css (gtk_widget_get_display (GTK_WIDGET (self)));
}

void
_remora_window_colors_connect_factory (RemoraWindow       *self,
                                       GtkListItemFactory *factory)
{
  g_signal_connect (factory, "bind", G_CALLBACK (cell_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (cell_unbind), self);
}
