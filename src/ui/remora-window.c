/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-window"

#include "config.h"

#include "remora-window-private.h"

#include <string.h>

#include <glib/gi18n.h>

#include "remora-application.h"
#include "remora-column-sorter.h"
#include "remora-packet-row.h"
#include "remora-stall-meter.h"

/* The packet list's model stack:
 *
 *   RemoraCaptureDocument         frame store + dissection session, column texts
 *     -> RemoraDisplayIndex       the frames the display filter let through
 *     -> RemoraFilteredPacketList GListModel of RemoraPacketRow, rows made in get_item
 *     -> GtkSingleSelection       the selected packet
 *     -> GtkColumnView            one GtkSignalListItemFactory per column, GtkInscription cells
 *
 * Selecting a row shows that packet in the panes below the list
 * (remora-window-details.c).
 *
 * The list and the selection live as long as the window; opening a file
 * swaps the document underneath them.  The filter bar's "apply" computes
 * a new index on a worker thread (the document's session lock keeps the
 * rows and the tree dissecting meanwhile) and hands it to the list.
 *
 * Sorting uses no GtkSortListModel: a click on a column header changes the
 * view's sorter (each column has a RemoraColumnSorter that only marks it
 * sortable), and the window sorts the shown index on a worker thread
 * (remora_display_index_sort ()), then hands the sorted index to the list
 * like a filter's.  A filter's result is sorted before it is shown.
 */

/* A filter that ends sooner than this never shows its progress bar, so
 * small captures do not flicker. */
#define FILTER_PROGRESS_DELAY_MS 250

G_DEFINE_FINAL_TYPE (RemoraWindow, remora_window, GTK_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_DOCUMENT,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* Widths are in characters so they follow the font: room for a 7-digit
 * frame number, a nanosecond time stamp and a full IPv4 address. */
static const struct {
  const char *title;
  float       xalign;
  int         nat_chars;
  gboolean    expand;
} column_info[REMORA_N_COLUMNS] = {
  [REMORA_COLUMN_NUMBER]      = { N_("No."),         1.0f,  7, FALSE },
  [REMORA_COLUMN_TIME]        = { N_("Time"),        0.0f, 12, FALSE },
  [REMORA_COLUMN_SOURCE]      = { N_("Source"),      0.0f, 17, FALSE },
  [REMORA_COLUMN_DESTINATION] = { N_("Destination"), 0.0f, 17, FALSE },
  [REMORA_COLUMN_PROTOCOL]    = { N_("Protocol"),    0.0f,  8, FALSE },
  [REMORA_COLUMN_LENGTH]      = { N_("Length"),      1.0f,  6, FALSE },
  [REMORA_COLUMN_INFO]        = { N_("Info"),        0.0f, 60, TRUE },
};

/* ---- status ---- */

static void
remora_window_update_status (RemoraWindow *self)
{
  g_autofree char *packets = NULL;

  if (self->document == NULL)
    {
      gtk_label_set_text (self->packets_label, _("No capture file"));
      gtk_label_set_text (self->file_label, "");
      gtk_widget_set_visible (self->load_progress_box, FALSE);
      return;
    }

  gtk_widget_set_visible (self->load_progress_box,
                          remora_capture_document_get_loading (self->document));
  if (remora_capture_document_get_loading (self->document))
    {
      guint n_frames = remora_capture_document_get_n_frames (self->document);
      double fraction = remora_capture_document_get_load_fraction (self->document);

      /* The rows read so far are already in the list below. */
      packets = g_strdup_printf (ngettext ("Loading… %u packet", "Loading… %u packets", n_frames),
                                 n_frames);
      if (fraction >= 0.0)
        gtk_progress_bar_set_fraction (self->load_progress, fraction);
      else
        gtk_progress_bar_pulse (self->load_progress);
    }
  else
    {
      guint n_frames = remora_capture_document_get_n_frames (self->document);
      guint n_displayed = remora_filtered_packet_list_get_n_displayed (self->packet_list);

      /* Wireshark's status bar, word for word. */
      packets = g_strdup_printf (_("Packets: %u · Displayed: %u (%.1f%%)"),
                                 n_frames, n_displayed,
                                 n_frames > 0 ? 100.0 * n_displayed / n_frames : 0.0);
      if (self->capture != NULL)
        {
          guint64 dropped = 0;
          const char *iface;
          guint64 received;
          guint64 if_dropped;
          guint64 kernel_dropped;
          char *with_drops;

          /* Kernel and interface drops together, as Wireshark's live
           * status line shows them. */
          for (guint i = 0;
               remora_capture_session_get_stats (self->capture, i, &iface, &received,
                                                 &kernel_dropped, &if_dropped);
               i++)
            dropped += kernel_dropped + if_dropped;
          with_drops = g_strdup_printf (_("%s · Dropped: %" G_GUINT64_FORMAT), packets, dropped);
          g_free (packets);
          packets = with_drops;
          if (self->capture_started_us != 0)
            {
              gint64 secs = (g_get_monotonic_time () - self->capture_started_us) / G_USEC_PER_SEC;
              char *with_time;

              with_time = g_strdup_printf (_("%s · Duration: %02d:%02d:%02d"), packets,
                                           (int) MIN (secs / 3600, 99), (int) (secs / 60 % 60),
                                           (int) (secs % 60));
              g_free (packets);
              packets = with_time;
            }
        }
    }
  gtk_label_set_text (self->packets_label, packets);
  gtk_label_set_text (self->file_label,
                      remora_capture_document_get_display_name (self->document));
}

static void
remora_window_update_title (RemoraWindow *self)
{
  g_autoptr(GFile) parent = NULL;
  g_autofree char *folder = NULL;
  const char *title;

  if (self->document == NULL)
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Remora"));
      gtk_label_set_text (self->title_label, _("Remora"));
      gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), FALSE);
      return;
    }

  title = remora_capture_document_get_display_name (self->document);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->title_label, title);

  /* The folder tells two "capture.pcap" windows apart. */
  if (remora_capture_document_get_file (self->document) != NULL)
    parent = g_file_get_parent (remora_capture_document_get_file (self->document));
  if (parent != NULL)
    {
      g_autofree char *path = g_file_get_parse_name (parent);
      const char *home = g_get_home_dir ();

      if (g_str_has_prefix (path, home) &&
          (path[strlen (home)] == '/' || path[strlen (home)] == '\0'))
        folder = g_strconcat ("~", path + strlen (home), NULL);
      else
        folder = g_steal_pointer (&path);
    }
  gtk_label_set_text (self->subtitle_label, folder != NULL ? folder : "");
  gtk_widget_set_visible (GTK_WIDGET (self->subtitle_label), folder != NULL);
}

static void
remora_window_show_error (RemoraWindow *self,
                          const char   *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_info_bar_set_revealed (self->error_bar, TRUE);
}

static void
remora_window_hide_error (RemoraWindow *self)
{
  gtk_info_bar_set_revealed (self->error_bar, FALSE);
}

static void
on_error_bar_response (RemoraWindow *self,
                       int           response,
                       GtkInfoBar   *bar)
{
  remora_window_hide_error (self);
}

/* ---- the packet list ---- */

static void
packet_cell_setup (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   gpointer                  user_data)
{
  RemoraColumn column = GPOINTER_TO_UINT (user_data);
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), column_info[column].xalign);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), column_info[column].nat_chars);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell),
                                     GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  /* Numbers line up when every digit has the same width. */
  if (column == REMORA_COLUMN_NUMBER || column == REMORA_COLUMN_TIME ||
      column == REMORA_COLUMN_LENGTH)
    gtk_widget_add_css_class (cell, "numeric");
  _remora_window_menus_cell_setup (cell, column);
  gtk_list_item_set_child (item, cell);
}

static void
packet_cell_bind (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  gpointer                  user_data)
{
  RemoraColumn column = GPOINTER_TO_UINT (user_data);
  RemoraPacketRow *row = gtk_list_item_get_item (item);
  GtkInscription *cell = GTK_INSCRIPTION (gtk_list_item_get_child (item));

  gtk_inscription_set_text (cell, remora_packet_row_get_text (row, column));
  _remora_window_menus_cell_bind (GTK_WIDGET (cell), remora_packet_row_get_number (row));
}

static void
packet_cell_unbind (GtkSignalListItemFactory *factory,
                    GtkListItem              *item,
                    gpointer                  user_data)
{
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), NULL);
  _remora_window_menus_cell_bind (gtk_list_item_get_child (item), 0);
}

static void
on_packet_selected (RemoraWindow       *self,
                    GParamSpec         *pspec,
                    GtkSingleSelection *selection)
{
  RemoraPacketRow *row = gtk_single_selection_get_selected_item (selection);

  if (self->swapping_index)
    return;
  _remora_window_details_show_frame (self, row != NULL ? remora_packet_row_get_number (row) : 0);
}

static void
on_displayed_changed (RemoraWindow             *self,
                      GParamSpec               *pspec,
                      RemoraFilteredPacketList *list)
{
  remora_window_update_status (self);
}

/* Sorting (below the display filter, which it shares its progress and
 * cancellable with). */
static void     on_sort_changed                   (RemoraWindow       *self,
                                                   GtkSorterChange     change,
                                                   GtkSorter          *sorter);
static gboolean remora_window_sort_needed         (RemoraWindow       *self);
static void     remora_window_run_sort            (RemoraWindow       *self,
                                                   RemoraDisplayIndex *index);
static void     remora_window_sync_sort_indicator (RemoraWindow       *self);
static void     remora_window_run_filter          (RemoraWindow       *self);

static void
remora_window_build_packet_list (RemoraWindow *self)
{
  self->packet_list = remora_filtered_packet_list_new (NULL);
  g_signal_connect_object (self->packet_list, "notify::n-items",
                           G_CALLBACK (on_displayed_changed), self, G_CONNECT_SWAPPED);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->packet_list)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (on_packet_selected), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  for (guint i = 0; i < REMORA_N_COLUMNS; i++)
    {
      g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;
      g_autoptr(GtkSorter) sorter = remora_column_sorter_new (i);

      g_signal_connect (factory, "setup", G_CALLBACK (packet_cell_setup), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (packet_cell_bind), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "unbind", G_CALLBACK (packet_cell_unbind), GUINT_TO_POINTER (i));
      _remora_window_colors_connect_factory (self, factory);

      column = gtk_column_view_column_new (_(column_info[i].title), g_steal_pointer (&factory));
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, column_info[i].expand);
      gtk_column_view_append_column (self->column_view, column);
    }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (on_sort_changed), self, G_CONNECT_SWAPPED);
}

/* ---- display filter ---- */

static void
remora_window_hide_filter_progress (RemoraWindow *self)
{
  g_clear_handle_id (&self->filter_progress_timeout, g_source_remove);
  gtk_widget_set_visible (self->filter_progress_box, FALSE);
}

/* Whatever filter is running stops; the list keeps what it shows. */
static void
remora_window_stop_filter (RemoraWindow *self)
{
  if (self->filter_cancellable != NULL)
    g_cancellable_cancel (self->filter_cancellable);
  g_clear_object (&self->filter_cancellable);
  if (self->live_filter != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->live_filter, self);
      g_clear_object (&self->live_filter);
    }
  self->sorting = FALSE;
  g_clear_pointer (&self->sort_base, remora_display_index_unref);
  remora_window_hide_filter_progress (self);
}

static gboolean
show_filter_progress_cb (gpointer user_data)
{
  RemoraWindow *self = user_data;

  self->filter_progress_timeout = 0;
  gtk_widget_set_visible (self->filter_progress_box, TRUE);
  return G_SOURCE_REMOVE;
}

/* Shows LABEL's progress (after a short delay, so that quick work shows
 * none) with a cancel button that says what it stops. */
static void
remora_window_begin_progress (RemoraWindow *self,
                              const char   *label,
                              const char   *cancel_tooltip,
                              const char   *source_name)
{
  gtk_label_set_text (self->filter_progress_label, label);
  gtk_widget_set_tooltip_text (self->filter_cancel_button, cancel_tooltip);
  gtk_progress_bar_set_fraction (self->filter_progress, 0.0);
  self->filter_progress_timeout = g_timeout_add (FILTER_PROGRESS_DELAY_MS, show_filter_progress_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->filter_progress_timeout),
                            source_name);
}

/* One per computation, so that a late report or result of a replaced
 * filter is recognised and dropped. */
typedef struct {
  RemoraWindow *window;
  GCancellable *cancellable;
} FilterRun;

static void
filter_run_free (FilterRun *run)
{
  g_object_unref (run->window);
  g_object_unref (run->cancellable);
  g_free (run);
}

static void
on_filter_progress (double   fraction,
                    gpointer user_data)
{
  FilterRun *run = user_data;

  if (run->cancellable == run->window->filter_cancellable)
    gtk_progress_bar_set_fraction (run->window->filter_progress, fraction);
}

/* Scrolls the packet list so that the row at POSITION is in view. */
static void
remora_window_scroll_to_row (RemoraWindow *self,
                             guint         position)
{
  /* GTK 4.8's column view has no scroll call of its own; its list does,
   * as an action. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        break;
      }
}

/* Shows INDEX's frames.  The selected packet stays selected (and in
 * view) when the filter lets it through; otherwise the panes empty. */
static void
remora_window_show_index (RemoraWindow       *self,
                          RemoraDisplayIndex *index)
{
  RemoraPacketRow *row = gtk_single_selection_get_selected_item (self->selection);
  guint number = row != NULL ? remora_packet_row_get_number (row) : 0;
  guint position = G_MAXUINT;

  /* Unselecting first also spares GtkSingleSelection a search through
   * every new row for the old item. */
  self->swapping_index = TRUE;
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  remora_filtered_packet_list_set_index (self->packet_list, index);
  if (number != 0)
    position = remora_filtered_packet_list_find_frame (self->packet_list, number);
  if (position != G_MAXUINT)
    gtk_single_selection_set_selected (self->selection, position);
  self->swapping_index = FALSE;

  /* What is selected now: the same packet, or one that a handler of the
   * list's change chose (the frame selected before a reload). */
  row = gtk_single_selection_get_selected_item (self->selection);
  position = gtk_single_selection_get_selected (self->selection);
  /* Redissects only if the row above changed (time_delta_displayed). */
  _remora_window_details_show_frame (self, row != NULL ? remora_packet_row_get_number (row) : 0);
  if (row != NULL)
    remora_window_scroll_to_row (self, position);
  remora_window_update_status (self);
}

/* Whether RUN's result (a filter's or a sort's) is still the one the
 * window waits for: not cancelled, nor replaced by another filter, sort
 * or capture.  If so the window stops waiting. */
static gboolean
filter_run_finished (RemoraWindow *self,
                     FilterRun    *run,
                     GObject      *object,
                     const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      run->cancellable != self->filter_cancellable ||
      object != G_OBJECT (self->document))
    return FALSE;
  g_clear_object (&self->filter_cancellable);
  return TRUE;
}

static void
remora_window_filter_cb (GObject      *object,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  FilterRun *run = user_data;
  RemoraWindow *self = run->window;
  g_autoptr(RemoraDisplayIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  index = remora_display_index_compute_finish (result, &error);

  if (!filter_run_finished (self, run, object, error))
    goto out;
  remora_window_hide_filter_progress (self);

  if (index == NULL)
    {
      /* The bar only applies what compiles; this is the engine's word. */
      g_autofree char *message = g_strdup_printf (_("Could not apply the display filter: %s"),
                                                  error->message);

      remora_window_show_error (self, message);
      goto out;
    }

  /* The list keeps its order across filters, as in Wireshark: the
   * result is sorted before it is shown. */
  if (remora_window_sort_needed (self))
    remora_window_run_sort (self, index);
  else
    {
      remora_window_show_index (self, index);
      remora_stall_meter_mark ("filter-applied");
    }

out:
  filter_run_free (run);
}

static void
on_live_filter_progress (RemoraWindow     *self,
                         double            fraction,
                         RemoraLiveFilter *filter)
{
  gtk_progress_bar_set_fraction (self->filter_progress, fraction);
}

static void
on_live_filter_changed (RemoraWindow     *self,
                        gboolean          caught_up,
                        RemoraLiveFilter *filter)
{
  g_autoptr(RemoraDisplayIndex) index = remora_live_filter_ref_index (filter);

  if (caught_up)
    {
      /* Caught up with a new filter: the list changes as for a file. */
      remora_window_hide_filter_progress (self);
      remora_window_show_index (self, index);
      return;
    }
  /* A batch: rows appended at the end, selection and scrolling left as
   * they are. */
  remora_filtered_packet_list_grow_index (self->packet_list, index);
  remora_window_update_status (self);
}

/* A live capture's store grows under a worker's feet, so its filter
 * catches up on the main thread and then follows the batches. */
static void
remora_window_run_live_filter (RemoraWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->filter_text == NULL || self->filter_text[0] == '\0')
    {
      remora_window_show_index (self, NULL);
      return;
    }

  self->live_filter = remora_live_filter_new (self->document, self->filter_text, &error);
  if (self->live_filter == NULL)
    {
      g_autofree char *message = g_strdup_printf (_("Could not apply the display filter: %s"),
                                                  error->message);

      remora_window_show_error (self, message);
      return;
    }
  g_signal_connect_object (self->live_filter, "changed",
                           G_CALLBACK (on_live_filter_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->live_filter, "progress",
                           G_CALLBACK (on_live_filter_progress), self, G_CONNECT_SWAPPED);
  if (remora_live_filter_get_caught_up (self->live_filter))
    {
      g_autoptr(RemoraDisplayIndex) index = remora_live_filter_ref_index (self->live_filter);

      remora_window_show_index (self, index);
      return;
    }
  remora_window_begin_progress (self, _("Filtering…"), _("Stop filtering"), "[remora] filter progress delay");
}

/* ---- sorting ---- */

static const struct {
  RemoraColumn  column;
  RemoraSortKey key;
} sort_keys[] = {
  { REMORA_COLUMN_NUMBER,      REMORA_SORT_NUMBER },
  { REMORA_COLUMN_TIME,        REMORA_SORT_TIME },
  { REMORA_COLUMN_SOURCE,      REMORA_SORT_SOURCE },
  { REMORA_COLUMN_DESTINATION, REMORA_SORT_DESTINATION },
  { REMORA_COLUMN_PROTOCOL,    REMORA_SORT_PROTOCOL },
  { REMORA_COLUMN_LENGTH,      REMORA_SORT_LENGTH },
  { REMORA_COLUMN_INFO,        REMORA_SORT_INFO },
};

/* A filter's result comes in capture order: anything else is a sort. */
static gboolean
remora_window_sort_needed (RemoraWindow *self)
{
  return self->sort_key != REMORA_SORT_NONE &&
         (self->sort_key != REMORA_SORT_NUMBER || self->sort_descending);
}

static void
remora_window_sort_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  FilterRun *run = user_data;
  RemoraWindow *self = run->window;
  g_autoptr(RemoraDisplayIndex) index = NULL;
  g_autoptr(GError) error = NULL;

  index = remora_display_index_sort_finish (result, &error);

  if (!filter_run_finished (self, run, object, error))
    goto out;
  self->sorting = FALSE;
  g_clear_pointer (&self->sort_base, remora_display_index_unref);
  remora_window_hide_filter_progress (self);

  if (index == NULL)
    remora_window_show_error (self, error->message);
  else
    remora_window_show_index (self, index);

out:
  filter_run_free (run);
}

/* Sorts INDEX's frames (NULL: every frame) the way the headers ask, on a
 * worker; the list changes, once, when the result is in. */
static void
remora_window_run_sort (RemoraWindow       *self,
                        RemoraDisplayIndex *index)
{
  g_autoptr(RemoraDisplayIndex) base = index != NULL ? remora_display_index_ref (index) : NULL;
  RemoraDisplaySource source;
  FilterRun *run;

  remora_window_stop_filter (self);
  if (self->document == NULL || remora_capture_document_get_loading (self->document) ||
      remora_capture_document_get_live (self->document))
    return;

  self->filter_cancellable = g_cancellable_new ();
  self->sorting = TRUE;
  self->sort_base = g_steal_pointer (&base);
  remora_window_begin_progress (self, _("Sorting…"), _("Stop sorting"), "[remora] sort progress delay");

  run = g_new0 (FilterRun, 1);
  run->window = g_object_ref (self);
  run->cancellable = g_object_ref (self->filter_cancellable);

  remora_capture_document_get_display_source (self->document, &source);
  remora_display_index_sort_async (self->document, &source, self->sort_base,
                                   self->sort_key, self->sort_descending,
                                   self->filter_cancellable,
                                   on_filter_progress, run, NULL,
                                   remora_window_sort_cb, run);
}

/* The headers show the order the list is in (after a cancelled sort). */
static void
remora_window_sync_sort_indicator (RemoraWindow *self)
{
  RemoraDisplayIndex *index = remora_filtered_packet_list_get_index (self->packet_list);
  RemoraSortKey key = index != NULL ? remora_display_index_get_sort_key (index) : REMORA_SORT_NONE;
  gboolean descending = index != NULL && remora_display_index_get_sort_descending (index);
  g_autoptr(GtkColumnViewColumn) column = NULL;

  /* Capture order under a No. arrow is capture order too. */
  if (key == REMORA_SORT_NONE && self->sort_key == REMORA_SORT_NUMBER && !self->sort_descending)
    return;
  if (key == self->sort_key && descending == self->sort_descending)
    return;

  /* Set first, so that the sorter's "changed" finds nothing to do. */
  self->sort_key = key;
  self->sort_descending = descending;
  for (guint i = 0; i < G_N_ELEMENTS (sort_keys); i++)
    if (sort_keys[i].key == key)
      column = g_list_model_get_item (gtk_column_view_get_columns (self->column_view),
                                      sort_keys[i].column);
  gtk_column_view_sort_by_column (self->column_view, column,
                                  descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
}

/* A click on a header (or anything else that changed the view's sorter). */
static void
on_sort_changed (RemoraWindow   *self,
                 GtkSorterChange change,
                 GtkSorter      *sorter)
{
  RemoraSortKey key = REMORA_SORT_NONE;
  gboolean descending = FALSE;
  guint column;

  /* The columns going with the window change the sorter too. */
  if (self->packet_list == NULL || gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;

  if (remora_column_sorter_probe (sorter, &column, &descending))
    {
      for (guint i = 0; i < G_N_ELEMENTS (sort_keys); i++)
        if (sort_keys[i].column == column)
          key = sort_keys[i].key;
    }
  else
    descending = FALSE;

  if (key == self->sort_key && descending == self->sort_descending)
    return;
  self->sort_key = key;
  self->sort_descending = descending;

  /* A running filter is sorted the new way when it is done, a running
   * sort starts again from the same frames, and otherwise the frames on
   * show are sorted. */
  if (self->filter_cancellable != NULL && !self->sorting)
    remora_window_run_filter (self);
  else if (self->filter_cancellable != NULL)
    remora_window_run_sort (self, self->sort_base);
  else
    remora_window_run_sort (self, remora_filtered_packet_list_get_index (self->packet_list));
}

/* Runs the applied filter over the loaded document; the list changes
 * when the result is in. */
static void
remora_window_run_filter (RemoraWindow *self)
{
  RemoraDisplaySource source;
  FilterRun *run;

  remora_window_stop_filter (self);
  if (self->document == NULL || remora_capture_document_get_loading (self->document))
    return;
  if (remora_capture_document_get_live (self->document))
    {
      remora_window_run_live_filter (self);
      return;
    }

  remora_stall_meter_mark ("filter-started");
  self->filter_cancellable = g_cancellable_new ();
  remora_window_begin_progress (self, _("Filtering…"), _("Stop filtering"), "[remora] filter progress delay");

  run = g_new0 (FilterRun, 1);
  run->window = g_object_ref (self);
  run->cancellable = g_object_ref (self->filter_cancellable);

  /* The task keeps the document, owner of the source's store, session
   * and lock, alive until the worker is done. */
  remora_capture_document_get_display_source (self->document, &source);
  remora_display_index_compute_async (self->document, &source,
                                      self->filter_text != NULL ? self->filter_text : "",
                                      REMORA_DISPLAY_INDEX_FRAMES,
                                      self->filter_cancellable,
                                      on_filter_progress, run, NULL,
                                      remora_window_filter_cb, run);
}

static void
on_filter_apply (RemoraWindow    *self,
                 const char      *text,
                 RemoraFilterBar *bar)
{
  g_free (self->filter_text);
  self->filter_text = g_strdup (text);
  remora_window_run_filter (self);
}

static void
on_filter_cancel_clicked (RemoraWindow *self,
                          GtkButton    *button)
{
  remora_window_stop_filter (self);
  remora_window_sync_sort_indicator (self);
}

static void
on_expression_requested (RemoraWindow    *self,
                         RemoraFilterBar *bar)
{
  _remora_window_show_expression_dialog (self);
}

static gboolean
remora_window_focus_filter (GtkWidget *widget,
                            GVariant  *args,
                            gpointer   user_data)
{
  remora_filter_bar_focus (REMORA_WINDOW (widget)->filter_bar);
  return TRUE;
}

/* ---- loading ---- */

static void
remora_window_set_document (RemoraWindow          *self,
                            RemoraCaptureDocument *document)
{
  g_assert (REMORA_IS_WINDOW (self));

  if (!g_set_object (&self->document, document))
    return;

  /* The bar counts over the new capture once it has loaded. */
  remora_window_stop_filter (self);
  remora_filter_bar_set_source (self->filter_bar, NULL, NULL);
  remora_filtered_packet_list_set_document (self->packet_list, document);
  remora_window_update_title (self);
  remora_window_update_status (self);
  _remora_window_actions_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_DOCUMENT]);
}

static void
remora_window_show_page (RemoraWindow *self,
                         const char   *name)
{
  gboolean loading = g_str_equal (name, "loading");

  gtk_stack_set_visible_child_name (self->stack, name);
  /* A hidden spinner still ticks the frame clock unless stopped. */
  gtk_spinner_set_spinning (self->spinner, loading);
}

static void
on_document_loading_changed (RemoraWindow          *self,
                             GParamSpec            *pspec,
                             RemoraCaptureDocument *document)
{
  if (document == self->document)
    remora_window_update_status (self);
}

static void
remora_window_load_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  RemoraCaptureDocument *document = REMORA_CAPTURE_DOCUMENT (object);
  g_autoptr(RemoraWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = remora_capture_document_load_finish (document, result, &error);

  /* Cancelled by the window closing or another file replacing this one;
   * a person's Cancel keeps what was read. */
  if (document != self->document ||
      (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && !self->load_stopped))
    return;

  g_clear_object (&self->load_cancellable);
  remora_stall_meter_mark_once ("indexed");

  if (!ok && remora_capture_document_get_n_frames (document) == 0)
    {
      g_autofree char *message =
        g_strdup_printf (_("Could not open “%s”: %s"),
                         remora_capture_document_get_display_name (document),
                         error->message);

      g_debug ("%s", message);
      remora_window_set_document (self, NULL);
      remora_window_show_page (self, "empty");
      remora_window_show_error (self, message);
      return;
    }

  if (!ok && self->load_stopped)
    {
      guint n_frames = remora_capture_document_get_n_frames (document);
      g_autofree char *message =
        g_strdup_printf (ngettext ("Loading stopped. The first packet is shown.",
                                   "Loading stopped. The first %u packets are shown.",
                                   n_frames),
                         n_frames);

      remora_window_show_error (self, message);
    }
  else if (!ok)
    {
      guint n_frames = remora_capture_document_get_n_frames (document);
      g_autofree char *message =
        g_strdup_printf (ngettext ("%s The packet before the damage is shown.",
                                   "%s The %u packets before the damage are shown.",
                                   n_frames),
                         error->message, n_frames);

      g_debug ("%s", message);
      remora_window_show_error (self, message);
    }

  /* What was read is filtered like a whole file. */
  {
    RemoraDisplaySource source;

    remora_capture_document_get_display_source (document, &source);
    remora_filter_bar_set_source (self->filter_bar, G_OBJECT (document), &source);
  }
  /* The filter applied before stays applied, as in Wireshark. */
  if ((self->filter_text != NULL && self->filter_text[0] != '\0') ||
      remora_window_sort_needed (self))
    remora_window_run_filter (self);

  self->load_stopped = FALSE;
  remora_window_update_status (self);
  remora_window_show_page (self, "packets");
  if (remora_capture_document_get_n_frames (document) > 0)
    remora_stall_meter_mark_once_drawn (GTK_WIDGET (self->column_view), "first-rows");
  _remora_window_actions_update (self);
}

/* The first rows replace the loading page at once; the rest of the file
 * loads behind them. */
static void
on_document_frames_changed (RemoraWindow          *self,
                            GParamSpec            *pspec,
                            RemoraCaptureDocument *document)
{
  if (document != self->document || !remora_capture_document_get_loading (document))
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0 &&
      remora_capture_document_get_n_frames (document) > 0)
    {
      remora_window_show_page (self, "packets");
      remora_stall_meter_mark_once_drawn (GTK_WIDGET (self->column_view), "first-rows");
      _remora_window_actions_update (self);
    }
  remora_window_update_status (self);
}

static void
on_load_cancel_clicked (RemoraWindow *self,
                        GtkButton    *button)
{
  if (self->load_cancellable == NULL || self->document == NULL ||
      !remora_capture_document_get_loading (self->document))
    return;
  self->load_stopped = TRUE;
  g_cancellable_cancel (self->load_cancellable);
}

void
remora_window_open (RemoraWindow *self,
                    GFile        *file)
{
  g_autoptr(RemoraCaptureDocument) document = NULL;

  g_return_if_fail (REMORA_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->capture != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->capture, self);
      remora_capture_session_stop (self->capture);
      g_clear_object (&self->capture);
    }
  g_clear_handle_id (&self->capture_clock_id, g_source_remove);
  self->capture_started_us = 0;
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();
  self->load_stopped = FALSE;

  document = remora_capture_document_new (file);
  remora_window_hide_error (self);
  remora_window_set_document (self, document);
  remora_window_show_page (self, "loading");

  g_signal_connect_object (document, "notify::loading",
                           G_CALLBACK (on_document_loading_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "notify::n-frames",
                           G_CALLBACK (on_document_frames_changed), self,
                           G_CONNECT_SWAPPED);
  remora_capture_document_load_async (document,
                                      self->load_cancellable,
                                      remora_window_load_cb,
                                      g_object_ref (self));
}

RemoraCaptureDocument *
remora_window_get_document (RemoraWindow *self)
{
  g_return_val_if_fail (REMORA_IS_WINDOW (self), NULL);

  return self->document;
}

/* ---- for the file operations (remora-window-file.c) ---- */

void
_remora_window_show_error (RemoraWindow *self,
                           const char   *message)
{
  remora_window_show_error (self, message);
}

/* The document's file or name changed (saved under another name). */
void
_remora_window_update_file_display (RemoraWindow *self)
{
  remora_window_update_title (self);
  remora_window_update_status (self);
  _remora_window_actions_update (self);
}

/* Back to the start page: no capture, nothing running. */
void
_remora_window_close_document (RemoraWindow *self)
{
  if (self->capture != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->capture, self);
      remora_capture_session_stop (self->capture);
      g_clear_object (&self->capture);
    }
  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  remora_window_hide_error (self);
  remora_window_set_document (self, NULL);
  remora_window_show_page (self, "empty");
  _remora_window_actions_update (self);
}

/* ---- live capture ---- */

static void
on_capture_interfaces (RemoraWindow         *self,
                       RemoraCaptureSession *session)
{
  RemoraCaptureDocument *document = self->document;
  guint n;

  if (session != self->capture || document == NULL || !remora_capture_document_get_live (document))
    return;
  n = remora_capture_session_get_n_interfaces (session);
  for (guint i = remora_capture_document_get_n_interfaces (document); i < n; i++)
    remora_capture_document_add_interface (document, remora_capture_session_get_interface (session, i));
}

static void
on_capture_packets (RemoraWindow             *self,
                    const RemoraCaptureBatch *batch,
                    RemoraCaptureSession     *session)
{
  if (session != self->capture || self->document == NULL ||
      !remora_capture_document_get_live (self->document))
    return;
  /* A packet may name an interface announced with it. */
  on_capture_interfaces (self, session);
  remora_capture_document_append_batch (self->document, batch->records, batch->n_records,
                                        batch->file_bytes);
  remora_window_update_status (self);
  if (!self->capture_file_warned && remora_capture_session_get_stream_file_error (session) != NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("The packets captured from now on are kept in memory only: %s"),
                         remora_capture_session_get_stream_file_error (session)->message);

      self->capture_file_warned = TRUE;
      remora_window_show_error (self, message);
    }
}

static void
on_capture_event (RemoraWindow             *self,
                  const RemoraCaptureEvent *event,
                  RemoraCaptureSession     *session)
{
  if (session == self->capture && event->kind == REMORA_CAPTURE_EVENT_STATS)
    remora_window_update_status (self);
  if (session == self->capture)
    _remora_window_capture_note_event (self, session, event);
}

static void
on_capture_finished (RemoraWindow         *self,
                     const GError         *failure,
                     RemoraCaptureSession *session)
{
  RemoraDisplaySource source;

  if (session != self->capture)
    return;

  /* Every packet the helper wrote has been delivered: the document keeps
   * them all, whatever ended the capture. */
  remora_window_update_status (self);
  _remora_window_capture_note_finished (self, session);
  g_clear_object (&self->capture);
  g_clear_handle_id (&self->capture_clock_id, g_source_remove);
  self->capture_started_us = 0;
  if (self->document != NULL && remora_capture_document_get_live (self->document))
    {
      remora_capture_document_end_live (self->document);
      remora_capture_document_get_display_source (self->document, &source);
      remora_filter_bar_set_source (self->filter_bar, G_OBJECT (self->document), &source);
      /* The live filter has matched every frame, or finishes doing so;
       * a sort asked for during the capture runs now. */
      if ((self->live_filter == NULL && self->filter_text != NULL && self->filter_text[0] != '\0') ||
          remora_window_sort_needed (self))
        remora_window_run_filter (self);
    }
  if (failure != NULL)
    remora_window_show_error (self, failure->message);
  remora_window_update_status (self);
  _remora_window_actions_update (self);
  _remora_window_capture_ended (self);
}

static gboolean
capture_clock_cb (gpointer user_data)
{
  remora_window_update_status (user_data);
  return G_SOURCE_CONTINUE;
}

void
_remora_window_start_capture (RemoraWindow         *self,
                              RemoraCaptureRequest *request)
{
  g_autoptr(RemoraCaptureSession) session = NULL;
  g_autoptr(RemoraCaptureDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *names = NULL;
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  if (self->capture != NULL)
    return;

  /* The packets come through the pipe, not a file the window never sees. */
  g_clear_pointer (&request->output, g_free);
  request->ring_filesize_kb = 0;

  session = remora_capture_session_new_for_request (request);
  for (const char * const *arg = remora_capture_session_get_args (session); arg[0] != NULL; arg++)
    if (g_str_equal (arg[0], "-i") && arg[1] != NULL)
      g_ptr_array_add (list, (gpointer) *++arg);
  g_ptr_array_add (list, NULL);
  names = g_strjoinv (", ", (char **) list->pdata);
  title = g_strdup_printf (_("Capturing from %s"), names);

  /* The packets go to a temporary file as they come, so a long capture
   * does not live in memory and a crash loses none of them. */
  document = remora_capture_document_new_live (title);
  {
    g_autofree char *file_names = g_strjoinv ("_", (char **) list->pdata);
    int fd = remora_capture_document_open_temp_file (document, file_names, &error);

    if (fd < 0)
      {
        g_autofree char *message = g_strdup_printf (_("Could not start the capture: %s"),
                                                    error->message);

        remora_window_show_error (self, message);
        return;
      }
    remora_capture_session_set_stream_file (session, fd);
  }

  g_signal_connect_object (session, "interfaces", G_CALLBACK (on_capture_interfaces), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "packets", G_CALLBACK (on_capture_packets), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "event", G_CALLBACK (on_capture_event), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "finished", G_CALLBACK (on_capture_finished), self, G_CONNECT_SWAPPED);
  if (!remora_capture_session_start (session, &error))
    {
      remora_window_show_error (self, error->message);
      return;
    }

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);

  self->capture = g_steal_pointer (&session);
  self->capture_file_warned = FALSE;
  self->capture_started_us = g_get_monotonic_time ();
  g_clear_handle_id (&self->capture_clock_id, g_source_remove);
  self->capture_clock_id = g_timeout_add_seconds (1, capture_clock_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->capture_clock_id),
                            "[remora] capture clock");
  remora_window_hide_error (self);
  remora_window_set_document (self, document);
  /* The filter applied before applies to the arriving packets. */
  if (self->filter_text != NULL && self->filter_text[0] != '\0')
    remora_window_run_filter (self);
  remora_window_show_page (self, "packets");
  _remora_window_capture_started (self, request);
  remora_window_update_status (self);
  _remora_window_actions_update (self);
}

void
_remora_window_stop_capture (RemoraWindow *self)
{
  if (self->capture != NULL)
    {
      remora_stall_meter_mark ("capture-stopping");
      remora_capture_session_stop (self->capture);
    }
}

gboolean
_remora_window_is_capturing (RemoraWindow *self)
{
  return self->capture != NULL;
}

/* ---- object ---- */

RemoraWindow *
remora_window_new (RemoraApplication *application)
{
  g_return_val_if_fail (REMORA_IS_APPLICATION (application), NULL);

  return g_object_new (REMORA_TYPE_WINDOW,
                       "application", application,
                       NULL);
}

static void
remora_window_dispose (GObject *object)
{
  RemoraWindow *self = REMORA_WINDOW (object);

  if (self->load_cancellable != NULL)
    g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  remora_window_stop_filter (self);
  g_clear_handle_id (&self->capture_clock_id, g_source_remove);
  if (self->capture != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->capture, self);
      remora_capture_session_stop (self->capture);
      g_clear_object (&self->capture);
    }

  _remora_window_menus_dispose (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_WINDOW);
  _remora_window_details_dispose (self);
  _remora_window_view_dispose (self);
  _remora_window_capture_dispose (self);

  g_clear_object (&self->selection);
  g_clear_object (&self->packet_list);
  g_clear_object (&self->document);

  G_OBJECT_CLASS (remora_window_parent_class)->dispose (object);
}

static void
remora_window_finalize (GObject *object)
{
  RemoraWindow *self = REMORA_WINDOW (object);

  g_free (self->filter_text);

  G_OBJECT_CLASS (remora_window_parent_class)->finalize (object);
}

static void
remora_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  RemoraWindow *self = REMORA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_window_class_init (RemoraWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_window_dispose;
  object_class->finalize = remora_window_finalize;
  object_class->get_property = remora_window_get_property;

  properties [PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL,
                         REMORA_TYPE_CAPTURE_DOCUMENT,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (REMORA_TYPE_FILTER_BAR);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/remora/Remora/remora-window.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, error_bar);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, error_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, packets_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, filter_progress_box);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, filter_progress);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, filter_progress_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, filter_cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, file_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, load_progress_box);
  gtk_widget_class_bind_template_child (widget_class, RemoraWindow, load_progress);
  gtk_widget_class_bind_template_callback (widget_class, on_load_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_error_bar_response);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_apply);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_expression_requested);
  _remora_window_details_class_init (widget_class);
  _remora_window_view_class_init (widget_class);

  _remora_window_class_actions_init (widget_class);
  _remora_window_menus_class_init (widget_class);
  _remora_window_capture_class_init (widget_class);
}

static void
remora_window_init (RemoraWindow *self)
{
  GtkEventController *shortcuts;

  gtk_widget_init_template (GTK_WIDGET (self));
  _remora_window_colors_init (self);

  /* Ctrl+/ goes to the filter from anywhere.  The lists bind it to
   * "select all" themselves, so a class binding (bubble phase) would
   * never see it while they have the focus: this one runs first. */
  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                        gtk_shortcut_new (gtk_keyval_trigger_new (GDK_KEY_slash, GDK_CONTROL_MASK),
                                                          gtk_callback_action_new (remora_window_focus_filter, NULL, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);

  remora_window_build_packet_list (self);
  _remora_window_details_init (self);
  _remora_window_menus_init (self);
  _remora_window_view_init (self);
  _remora_window_file_init (self);
  _remora_window_capture_init (self);
  remora_window_update_title (self);
  remora_window_update_status (self);
  remora_window_show_page (self, "empty");
  _remora_window_actions_update (self);
}
