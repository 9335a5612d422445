/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-column-sorter"

#include "config.h"

#include "remora-column-sorter.h"

/* Why a probe: GTK 4.8 has no getter for the column view's sort state
 * (gtk_column_view_sorter_get_primary_sort_column () and _order () came
 * in 4.10).  What 4.8 does guarantee is how the view's sorter compares
 * two items: it asks its columns' sorters in order, primary first, turns
 * the answer round for a column sorted descending, and stops at the first
 * answer that is not "equal".  So during a probe every sorter of ours
 * answers "smaller" and notes that it was asked; the first one asked is
 * the primary column, and the view's answer says the direction:
 * "smaller" ascending, "larger" descending, "equal" no column at all.
 * Outside a probe the sorters answer "equal", so a sort list model given
 * them by mistake would leave the order alone. */

struct _RemoraColumnSorter
{
  GtkSorter parent_instance;

  guint     id;
};

G_DEFINE_FINAL_TYPE (RemoraColumnSorter, remora_column_sorter, GTK_TYPE_SORTER)

/* Main thread only, as every sorter. */
static gboolean            probing;
static RemoraColumnSorter *first_asked;

static GtkOrdering
remora_column_sorter_compare (GtkSorter *sorter,
                              gpointer   item1,
                              gpointer   item2)
{
  if (!probing)
    return GTK_ORDERING_EQUAL;
  if (first_asked == NULL)
    first_asked = REMORA_COLUMN_SORTER (sorter);
  return GTK_ORDERING_SMALLER;
}

static GtkSorterOrder
remora_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
remora_column_sorter_class_init (RemoraColumnSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = remora_column_sorter_compare;
  sorter_class->get_order = remora_column_sorter_get_order;
}

static void
remora_column_sorter_init (RemoraColumnSorter *self)
{
}

GtkSorter *
remora_column_sorter_new (guint id)
{
  RemoraColumnSorter *self = g_object_new (REMORA_TYPE_COLUMN_SORTER, NULL);

  self->id = id;
  return GTK_SORTER (self);
}

guint
remora_column_sorter_get_id (RemoraColumnSorter *self)
{
  g_return_val_if_fail (REMORA_IS_COLUMN_SORTER (self), 0);

  return self->id;
}

gboolean
remora_column_sorter_probe (GtkSorter *view_sorter,
                            guint     *id,
                            gboolean  *descending)
{
  g_autoptr(GObject) marker_a = NULL;
  g_autoptr(GObject) marker_b = NULL;
  GtkOrdering order;

  g_return_val_if_fail (GTK_IS_SORTER (view_sorter), FALSE);
  g_return_val_if_fail (!probing, FALSE);

  /* Any two objects do: our sorters never look at them. */
  marker_a = g_object_new (G_TYPE_OBJECT, NULL);
  marker_b = g_object_new (G_TYPE_OBJECT, NULL);

  probing = TRUE;
  first_asked = NULL;
  order = gtk_sorter_compare (view_sorter, marker_a, marker_b);
  probing = FALSE;

  if (first_asked == NULL || order == GTK_ORDERING_EQUAL)
    {
      first_asked = NULL;
      return FALSE;
    }
  if (id != NULL)
    *id = first_asked->id;
  if (descending != NULL)
    *descending = order == GTK_ORDERING_LARGER;
  first_asked = NULL;
  return TRUE;
}
