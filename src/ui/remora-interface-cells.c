/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-interface-cells"

#include "config.h"

#include "remora-interface-cells.h"

#include <glib/gi18n.h>

#include "remora-interface-item.h"
#include "remora-sparkline.h"

#define HANDLER_KEY "remora-interface-cell-handler"

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            gpointer                  user_data)
{
  RemoraInterfaceCell cell = GPOINTER_TO_INT (user_data);
  GtkWidget *child = NULL;

  switch (cell)
    {
    case REMORA_INTERFACE_CELL_NAME:
      {
        GtkWidget *name = gtk_label_new (NULL);
        GtkWidget *description = gtk_label_new (NULL);

        child = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
        gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
        gtk_label_set_xalign (GTK_LABEL (name), 0);
        gtk_widget_add_css_class (name, "heading");
        gtk_label_set_xalign (GTK_LABEL (description), 0);
        gtk_label_set_ellipsize (GTK_LABEL (description), PANGO_ELLIPSIZE_END);
        gtk_widget_add_css_class (description, "dim-label");
        gtk_widget_add_css_class (description, "caption");
        gtk_box_append (GTK_BOX (child), name);
        gtk_box_append (GTK_BOX (child), description);
      }
      break;
    case REMORA_INTERFACE_CELL_TRAFFIC:
      child = remora_sparkline_new ();
      break;
    case REMORA_INTERFACE_CELL_PACKETS:
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 1);
      gtk_widget_add_css_class (child, "packet-count");
      break;
    case REMORA_INTERFACE_CELL_ADDRESSES:
    case REMORA_INTERFACE_CELL_LINK_TYPE:
      child = gtk_label_new (NULL);
      gtk_label_set_xalign (GTK_LABEL (child), 0);
      gtk_label_set_ellipsize (GTK_LABEL (child), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (child), cell == REMORA_INTERFACE_CELL_ADDRESSES ? 16 : 10);
      break;
    case REMORA_INTERFACE_CELL_STATE:
      {
        GtkWidget *state = gtk_label_new (NULL);
        GtkWidget *loopback = gtk_label_new (_("loopback"));

        child = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
        gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
        gtk_widget_add_css_class (state, "interface-mark");
        gtk_widget_add_css_class (loopback, "interface-mark");
        gtk_box_append (GTK_BOX (child), state);
        gtk_box_append (GTK_BOX (child), loopback);
      }
      break;
    default:
      g_assert_not_reached ();
    }
  remora_ui_ensure_css (child, REMORA_CAPTURE_CSS);
  gtk_list_item_set_child (list_item, child);
}

static void
show_packets (RemoraInterfaceItem *item,
              GParamSpec          *pspec,
              GtkLabel            *label)
{
  g_autofree char *text = g_strdup_printf ("%" G_GUINT64_FORMAT, remora_interface_item_get_packets (item));
  g_autofree char *tooltip = g_strdup_printf (_("%.0f packets/s now; %s packets since the list was shown"),
                                              remora_interface_item_get_rate (item), text);

  gtk_label_set_text (label, text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), tooltip);
  if (remora_interface_item_get_rate (item) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (label), "busy");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "busy");
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  RemoraInterfaceCell cell = GPOINTER_TO_INT (user_data);
  RemoraInterfaceItem *item = gtk_list_item_get_item (list_item);
  const RemoraInterfaceInfo *info = remora_interface_item_get_info (item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  switch (cell)
    {
    case REMORA_INTERFACE_CELL_NAME:
      {
        GtkWidget *name = gtk_widget_get_first_child (child);
        GtkWidget *description = gtk_widget_get_next_sibling (name);

        gtk_label_set_text (GTK_LABEL (name), info->name);
        gtk_label_set_text (GTK_LABEL (description), info->description);
        gtk_widget_set_visible (description, info->description[0] != '\0');
        gtk_widget_set_tooltip_text (child, info->description[0] != '\0' ? info->description : NULL);
      }
      break;
    case REMORA_INTERFACE_CELL_TRAFFIC:
      remora_sparkline_set_item (REMORA_SPARKLINE (child), item);
      break;
    case REMORA_INTERFACE_CELL_PACKETS:
      {
        gulong id = g_signal_connect_object (item, "notify::rate", G_CALLBACK (show_packets), child, 0);

        g_object_set_data (G_OBJECT (child), HANDLER_KEY, GSIZE_TO_POINTER (id));
        show_packets (item, NULL, GTK_LABEL (child));
      }
      break;
    case REMORA_INTERFACE_CELL_ADDRESSES:
      {
        g_autofree char *text = remora_interface_item_dup_addresses_text (item);

        gtk_label_set_text (GTK_LABEL (child), text);
        gtk_widget_set_tooltip_text (child, text[0] != '\0' ? text : NULL);
      }
      break;
    case REMORA_INTERFACE_CELL_LINK_TYPE:
      gtk_label_set_text (GTK_LABEL (child), info->link_type_name);
      break;
    case REMORA_INTERFACE_CELL_STATE:
      {
        GtkWidget *state = gtk_widget_get_first_child (child);
        GtkWidget *loopback = gtk_widget_get_next_sibling (state);
        gboolean up = (info->flags & REMORA_INTERFACE_UP) != 0;

        gtk_label_set_text (GTK_LABEL (state), up ? _("up") : _("down"));
        gtk_widget_remove_css_class (state, up ? "down" : "up");
        gtk_widget_add_css_class (state, up ? "up" : "down");
        gtk_widget_set_visible (loopback, (info->flags & REMORA_INTERFACE_LOOPBACK) != 0);
      }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
unbind_cell (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  RemoraInterfaceCell cell = GPOINTER_TO_INT (user_data);
  RemoraInterfaceItem *item = gtk_list_item_get_item (list_item);
  GtkWidget *child = gtk_list_item_get_child (list_item);

  if (cell == REMORA_INTERFACE_CELL_TRAFFIC)
    remora_sparkline_set_item (REMORA_SPARKLINE (child), NULL);
  else if (cell == REMORA_INTERFACE_CELL_PACKETS)
    {
      gulong id = GPOINTER_TO_SIZE (g_object_steal_data (G_OBJECT (child), HANDLER_KEY));

      if (id != 0 && item != NULL)
        g_signal_handler_disconnect (item, id);
    }
}

GtkColumnViewColumn *
remora_interface_column_new (RemoraInterfaceCell  cell,
                             const char          *title)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (cell));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (cell));
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cell), GINT_TO_POINTER (cell));
  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (column, TRUE);
  if (cell == REMORA_INTERFACE_CELL_NAME)
    gtk_column_view_column_set_expand (column, TRUE);
  else if (cell == REMORA_INTERFACE_CELL_ADDRESSES)
    gtk_column_view_column_set_fixed_width (column, 240);
  return column;
}
