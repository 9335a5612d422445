/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-interface-chooser"

#include "config.h"

#include "remora-interface-chooser.h"

#include <glib/gi18n.h>

#include "remora-interface-cells.h"
#include "remora-interface-item.h"
#include "remora-sparkline.h"

/* Model stack:
 *   GListStore of RemoraInterfaceItem (helper order, sampled every second)
 *     -> GtkMultiSelection -> GtkColumnView */

struct _RemoraInterfaceChooser {
  GtkBox              parent_instance;

  GtkColumnView      *view;
  GtkLabel           *problem;
  GtkButton          *start_button;

  GListStore         *store;
  GtkMultiSelection  *selection;
  GCancellable       *cancellable;
  guint               tick_id;
  gboolean            listed;
  gboolean            loaded;
  /* Names to select once the list has loaded (remora -i without -k). */
  GStrv               wanted;
};

enum {
  SIGNAL_START_CAPTURE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (RemoraInterfaceChooser, remora_interface_chooser, GTK_TYPE_BOX)

static gboolean
on_tick (gpointer user_data)
{
  RemoraInterfaceChooser *self = user_data;

  remora_interface_store_sample (G_LIST_MODEL (self->store));
  return G_SOURCE_CONTINUE;
}

/* Sampling costs a few sysfs reads per interface: only while on screen. */
static void
remora_interface_chooser_map (GtkWidget *widget)
{
  RemoraInterfaceChooser *self = REMORA_INTERFACE_CHOOSER (widget);

  GTK_WIDGET_CLASS (remora_interface_chooser_parent_class)->map (widget);
  /* Listed when first shown: a window that opens a file never needs it. */
  if (!self->listed)
    remora_interface_chooser_reload (self);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, on_tick, self);
}

static void
remora_interface_chooser_unmap (GtkWidget *widget)
{
  RemoraInterfaceChooser *self = REMORA_INTERFACE_CHOOSER (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (remora_interface_chooser_parent_class)->unmap (widget);
}

GStrv
remora_interface_chooser_dup_selected_names (RemoraInterfaceChooser *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GStrvBuilder *builder;
  GStrv names;
  guint position;

  g_return_val_if_fail (REMORA_IS_INTERFACE_CHOOSER (self), NULL);

  builder = g_strv_builder_new ();
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  for (gboolean ok = gtk_bitset_iter_init_first (&iter, selected, &position); ok;
       ok = gtk_bitset_iter_next (&iter, &position))
    {
      g_autoptr(RemoraInterfaceItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), position);

      g_strv_builder_add (builder, remora_interface_item_get_name (item));
    }
  names = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return names;
}

static void
select_names (RemoraInterfaceChooser *self,
              const char * const     *names)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  for (guint i = 0; names != NULL && i < n; i++)
    {
      g_autoptr(RemoraInterfaceItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);

      if (g_strv_contains (names, remora_interface_item_get_name (item)))
        gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), i, FALSE);
    }
}

void
remora_interface_chooser_select_names (RemoraInterfaceChooser *self,
                                       const char * const     *names)
{
  g_return_if_fail (REMORA_IS_INTERFACE_CHOOSER (self));

  select_names (self, names);
  /* Not listed yet: again once the list is in. */
  g_clear_pointer (&self->wanted, g_strfreev);
  if (!self->loaded)
    self->wanted = g_strdupv ((char **) names);
}

static void
emit_start (RemoraInterfaceChooser *self)
{
  g_auto(GStrv) names = remora_interface_chooser_dup_selected_names (self);

  if (names[0] != NULL)
    g_signal_emit (self, signals[SIGNAL_START_CAPTURE], 0, names);
}

static void
on_activate (GtkColumnView          *view,
             guint                   position,
             RemoraInterfaceChooser *self)
{
  /* A double-click on a row outside the selection captures on that row. */
  if (!gtk_selection_model_is_selected (GTK_SELECTION_MODEL (self->selection), position))
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
  emit_start (self);
}

static void
on_start_clicked (GtkButton              *button,
                  RemoraInterfaceChooser *self)
{
  emit_start (self);
}

static void
on_selection_changed (GtkSelectionModel      *model,
                      guint                   position,
                      guint                   n_items,
                      RemoraInterfaceChooser *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (model);

  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), !gtk_bitset_is_empty (selected));
}

static void
on_loaded (GListStore *store,
           const char *helper_problem,
           gpointer    user_data)
{
  RemoraInterfaceChooser *self = user_data;

  if (helper_problem != NULL)
    {
      g_autofree char *text =
        g_strdup_printf (_("The capture helper could not list the interfaces (%s); "
                           "these are the system's network devices."), helper_problem);

      gtk_label_set_text (self->problem, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->problem), helper_problem != NULL);
  self->loaded = TRUE;
  if (self->wanted != NULL)
    {
      select_names (self, (const char * const *) self->wanted);
      g_clear_pointer (&self->wanted, g_strfreev);
    }
}

void
remora_interface_chooser_reload (RemoraInterfaceChooser *self)
{
  g_return_if_fail (REMORA_IS_INTERFACE_CHOOSER (self));

  self->listed = TRUE;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  remora_interface_store_load (self->store, self->cancellable, on_loaded, self);
}

GListModel *
remora_interface_chooser_get_model (RemoraInterfaceChooser *self)
{
  g_return_val_if_fail (REMORA_IS_INTERFACE_CHOOSER (self), NULL);

  return G_LIST_MODEL (self->store);
}

static void
remora_interface_chooser_dispose (GObject *object)
{
  RemoraInterfaceChooser *self = REMORA_INTERFACE_CHOOSER (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_INTERFACE_CHOOSER);
  g_clear_object (&self->selection);
  g_clear_object (&self->store);
  g_clear_pointer (&self->wanted, g_strfreev);

  G_OBJECT_CLASS (remora_interface_chooser_parent_class)->dispose (object);
}

static void
remora_interface_chooser_class_init (RemoraInterfaceChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_interface_chooser_dispose;
  widget_class->map = remora_interface_chooser_map;
  widget_class->unmap = remora_interface_chooser_unmap;

  /* GStrv: the interfaces to capture on, in the list's order. */
  signals[SIGNAL_START_CAPTURE] =
    g_signal_new ("start-capture", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRV);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/remora/Remora/remora-interface-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraInterfaceChooser, view);
  gtk_widget_class_bind_template_child (widget_class, RemoraInterfaceChooser, problem);
  gtk_widget_class_bind_template_child (widget_class, RemoraInterfaceChooser, start_button);
}

static void
remora_interface_chooser_init (RemoraInterfaceChooser *self)
{
  static const struct {
    RemoraInterfaceCell  cell;
    const char          *title;
  } columns[] = {
    { REMORA_INTERFACE_CELL_NAME, N_("Interface") },
    { REMORA_INTERFACE_CELL_TRAFFIC, N_("Traffic") },
    { REMORA_INTERFACE_CELL_PACKETS, N_("Packets") },
    { REMORA_INTERFACE_CELL_ADDRESSES, N_("Addresses") },
    { REMORA_INTERFACE_CELL_LINK_TYPE, N_("Link-layer Header") },
    { REMORA_INTERFACE_CELL_STATE, N_("State") },
  };

  gtk_widget_init_template (GTK_WIDGET (self));
  remora_ui_ensure_css (GTK_WIDGET (self), REMORA_CAPTURE_CSS);

  self->store = g_list_store_new (REMORA_TYPE_INTERFACE_ITEM);
  self->selection = gtk_multi_selection_new (G_LIST_MODEL (g_object_ref (self->store)));
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (self->selection));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column =
        remora_interface_column_new (columns[i].cell, _(columns[i].title));

      gtk_column_view_append_column (self->view, column);
    }
  g_signal_connect (self->view, "activate", G_CALLBACK (on_activate), self);
  g_signal_connect (self->start_button, "clicked", G_CALLBACK (on_start_clicked), self);
  g_signal_connect (self->selection, "selection-changed", G_CALLBACK (on_selection_changed), self);
}

GtkWidget *
remora_interface_chooser_new (void)
{
  return g_object_new (REMORA_TYPE_INTERFACE_CHOOSER, NULL);
}
