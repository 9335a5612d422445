/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A sorter that sorts nothing itself: it only makes a column view column
 * clickable and lets remora_column_sorter_probe () tell which column the
 * view sorts by and which way.  The packet list is sorted in the core
 * (remora_display_index_sort ()), never by a GtkSortListModel over a
 * million rows. */
#define REMORA_TYPE_COLUMN_SORTER (remora_column_sorter_get_type ())

G_DECLARE_FINAL_TYPE (RemoraColumnSorter, remora_column_sorter, REMORA, COLUMN_SORTER, GtkSorter)

/* ID: what the caller wants back from the probe (a column number). */
GtkSorter *remora_column_sorter_new    (guint      id);
guint      remora_column_sorter_get_id (RemoraColumnSorter *self);
/* Asks VIEW_SORTER (gtk_column_view_get_sorter ()) for its primary sort
 * column.  Returns FALSE when it sorts by none of our sorters; otherwise
 * sets *ID to that column's sorter's id and *DESCENDING. */
gboolean   remora_column_sorter_probe  (GtkSorter *view_sorter,
                                        guint     *id,
                                        gboolean  *descending);

G_END_DECLS
