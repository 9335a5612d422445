/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-filter-bar"

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "remora-capture-document.h"
#include "remora-capture-reader.h"
#include "remora-dfilter.h"
#include "remora-display-index.h"
#include "remora-dissectors.h"
#include "remora-filter-bar.h"
#include "remora-filtered-packet-list.h"
#include "remora-packet-row.h"
#include "ui-test-util.h"

/* The display filter bar shown alone in a window under Xvfb, and the
 * filtered packet list model.  Screenshots of each state of the bar go
 * to the build folder (filter-bar-*.png). */

#define TIMEOUT_MS 20000

static const char *sample_path;

/* ---- a capture for the count ---- */

typedef struct {
  RemoraFrameStore   *store;
  RemoraSession      *session;
  GMutex              lock;
  RemoraDisplaySource source;
} Capture;

static Capture *
capture_load (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RemoraPacket) pkt = remora_packet_new ();
  RemoraCaptureReader *reader;
  Capture *cap = g_new0 (Capture, 1);
  guint n;

  remora_dissectors_init ();
  reader = remora_capture_reader_open (sample_path, &error);
  g_assert_no_error (error);
  cap->store = remora_frame_store_new ();
  remora_frame_store_load (cap->store, reader, &error);
  g_assert_no_error (error);
  remora_capture_reader_free (reader);

  cap->session = remora_session_new ();
  n = remora_frame_store_get_n_frames (cap->store);
  for (guint number = 1; number <= n; number++)
    {
      const RemoraFrameRecord *rec = remora_frame_store_get_record (cap->store, number);
      RemoraFrameInput input = { 0 };

      input.number = number;
      input.data = remora_frame_store_get_data (cap->store, number);
      input.cap_len = rec->cap_len;
      input.orig_len = rec->orig_len;
      input.ts_ns = rec->ts_ns;
      input.link_type = remora_frame_store_get_interface (cap->store, rec->iface_id)->link_type;
      remora_session_dissect (cap->session, pkt, &input);
    }
  g_mutex_init (&cap->lock);
  cap->source = (RemoraDisplaySource) { cap->store, cap->session, &cap->lock, n };
  return cap;
}

static void
capture_free (Capture *cap)
{
  remora_session_free (cap->session);
  remora_frame_store_free (cap->store);
  g_mutex_clear (&cap->lock);
  g_free (cap);
}

/* ---- the bar in a window ---- */

typedef struct {
  GtkWidget       *window;
  RemoraFilterBar *bar;
  GtkEntry        *entry;
  GPtrArray       *applied;
  guint            expression_requests;
} Fixture;

static void
on_apply (RemoraFilterBar *bar,
          const char      *text,
          Fixture         *f)
{
  g_ptr_array_add (f->applied, g_strdup (text));
}

static void
on_expression (RemoraFilterBar *bar,
               Fixture         *f)
{
  f->expression_requests++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  f->applied = g_ptr_array_new_with_free_func (g_free);
  f->window = gtk_window_new ();
  gtk_window_set_title (GTK_WINDOW (f->window), "Filter bar");
  gtk_window_set_default_size (GTK_WINDOW (f->window), 960, 60);
  f->bar = REMORA_FILTER_BAR (remora_filter_bar_new ());
  gtk_widget_set_margin_start (GTK_WIDGET (f->bar), 6);
  gtk_widget_set_margin_end (GTK_WIDGET (f->bar), 6);
  gtk_widget_set_margin_top (GTK_WIDGET (f->bar), 6);
  gtk_widget_set_margin_bottom (GTK_WIDGET (f->bar), 6);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (f->bar));
  gtk_window_set_child (GTK_WINDOW (f->window), box);
  f->entry = remora_filter_bar_get_entry (f->bar);
  g_signal_connect (f->bar, "apply", G_CALLBACK (on_apply), f);
  g_signal_connect (f->bar, "expression-requested", G_CALLBACK (on_expression), f);
  gtk_window_present (GTK_WINDOW (f->window));
  ui_test_wait_for_paint (f->window);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  ui_test_iterate_until (ui_test_no_more_events, NULL);
  g_ptr_array_unref (f->applied);
}

/* As a person types: into the entry itself, cursor at the end. */
static void
type_text (Fixture    *f,
           const char *text)
{
  int pos = 0;

  gtk_widget_grab_focus (GTK_WIDGET (f->entry));
  gtk_editable_delete_text (GTK_EDITABLE (f->entry), 0, -1);
  gtk_editable_insert_text (GTK_EDITABLE (f->entry), text, -1, &pos);
  gtk_editable_set_position (GTK_EDITABLE (f->entry), pos);
}

/* What Enter does: its key binding emits the text widget's "activate",
 * which the entry passes on. */
static void
press_enter (Fixture *f)
{
  GtkWidget *text = GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (f->entry)));

  g_signal_emit_by_name (text, "activate");
}

static void
test_states (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RemoraDfilterError) error = NULL;
  RemoraDfilter *dfilter;

  g_assert_cmpint (remora_filter_bar_get_state (f->bar), ==, REMORA_FILTER_STATE_EMPTY);
  ui_test_save_screenshot (f->window, "filter-bar-empty.png");

  type_text (f, "tcp.port == 80 && ip.src ==");
  g_assert_cmpint (remora_filter_bar_get_state (f->bar), ==, REMORA_FILTER_STATE_INVALID);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->entry), "filter-invalid"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->entry), "filter-valid"));
  dfilter = remora_dfilter_compile ("tcp.port == 80 && ip.src ==", &error);
  g_assert_null (dfilter);
  g_assert_cmpstr (remora_filter_bar_get_message (f->bar), ==, error->message);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (f->entry)), ==, error->message);
  g_assert_nonnull (gtk_entry_get_attributes (f->entry));
  /* An invalid filter is never applied. */
  press_enter (f);
  g_assert_cmpuint (f->applied->len, ==, 0);
  ui_test_save_screenshot (f->window, "filter-bar-invalid.png");

  type_text (f, "tcp.port == 80 && ip.src == 10.0.0.1");
  g_assert_cmpint (remora_filter_bar_get_state (f->bar), ==, REMORA_FILTER_STATE_VALID);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->entry), "filter-valid"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->entry), "filter-invalid"));
  g_assert_null (remora_filter_bar_get_message (f->bar));
  g_assert_null (gtk_entry_get_attributes (f->entry));
  ui_test_save_screenshot (f->window, "filter-bar-valid.png");

  type_text (f, "ip.addr ~= 1.2.3.4");
  g_assert_cmpint (remora_filter_bar_get_state (f->bar), ==, REMORA_FILTER_STATE_WARNING);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (f->entry), "filter-warning"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->entry), "filter-valid"));
  g_assert_nonnull (remora_filter_bar_get_message (f->bar));
  ui_test_save_screenshot (f->window, "filter-bar-warning.png");

  type_text (f, "");
  g_assert_cmpint (remora_filter_bar_get_state (f->bar), ==, REMORA_FILTER_STATE_EMPTY);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (f->entry), "filter-warning"));
}

static void
test_apply_and_recent (Fixture       *f,
                       gconstpointer  data)
{
  const char *const *recent;
  GtkWidget *button;

  type_text (f, "tcp");
  press_enter (f);
  g_assert_cmpuint (f->applied->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (f->applied, 0), ==, "tcp");

  type_text (f, "udp");
  button = ui_test_find_button (GTK_WIDGET (f->bar), "_Apply");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (f->applied->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (f->applied, 1), ==, "udp");

  type_text (f, "tcp");
  press_enter (f);
  recent = remora_filter_bar_get_recent (f->bar);
  g_assert_cmpstr (recent[0], ==, "tcp");
  g_assert_cmpstr (recent[1], ==, "udp");
  g_assert_null (recent[2]);

  /* Clear empties the entry and shows every packet again. */
  g_signal_emit_by_name (f->entry, "icon-release", GTK_ENTRY_ICON_SECONDARY);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "");
  g_assert_cmpuint (f->applied->len, ==, 4);
  g_assert_cmpstr (g_ptr_array_index (f->applied, 3), ==, "");

  button = ui_test_find_button (GTK_WIDGET (f->bar), "_Expression…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpuint (f->expression_requests, ==, 1);
}

static void
test_completion (Fixture       *f,
                 gconstpointer  data)
{
  RemoraFieldCompletion *completion = remora_filter_bar_get_completion (f->bar);
  GtkPopover *popover = remora_field_completion_get_popover (completion);
  GListModel *offers = remora_field_completion_get_model (completion);
  UiTestLabel wait = { GTK_WIDGET (popover), "ip.src" };
  GtkLabel *abbrev;
  GtkWidget *description;
  guint src_pos = G_MAXUINT;

  type_text (f, "ip.addr == 10.0.0.1 || ip.sr");
  g_assert_true (ui_test_iterate_until (ui_test_label_shown, &wait));
  g_assert_true (remora_field_completion_is_shown (completion));

  for (guint i = 0; i < g_list_model_get_n_items (offers); i++)
    {
      g_autoptr(GtkStringObject) s = g_list_model_get_item (offers, i);

      g_assert_true (g_str_has_prefix (gtk_string_object_get_string (s), "ip.sr"));
      if (g_str_equal (gtk_string_object_get_string (s), "ip.src"))
        src_pos = i;
    }
  g_assert_cmpuint (src_pos, !=, G_MAXUINT);

  /* Its row shows the field's name beside it. */
  abbrev = GTK_LABEL (ui_test_find_mapped_label (GTK_WIDGET (popover), "ip.src"));
  description = gtk_widget_get_next_sibling (GTK_WIDGET (abbrev));
  g_assert_true (GTK_IS_LABEL (description));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (description)), ==, "Source Address");
  ui_test_save_screenshot (f->window, "filter-bar-completion-entry.png");
  ui_test_save_screenshot (GTK_WIDGET (popover), "filter-bar-completion.png");

  /* Choosing it replaces the word being typed. */
  remora_field_completion_accept (completion, src_pos);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (f->entry)), ==, "ip.addr == 10.0.0.1 || ip.src");
  g_assert_false (remora_field_completion_is_shown (completion));

  /* One letter: the first names in order, a few screens of them, not
   * every TCP field (building hundreds of rows would hold typing up). */
  {
    UiTestLabel first = { GTK_WIDGET (popover), "tcp" };
    g_autofree char *prev = NULL;

    remora_filter_bar_set_text (f->bar, "");
    type_text (f, "t");
    g_assert_true (ui_test_iterate_until (ui_test_label_shown, &first));
    g_assert_cmpuint (g_list_model_get_n_items (offers), ==, 50);
    for (guint i = 0; i < g_list_model_get_n_items (offers); i++)
      {
        g_autoptr(GtkStringObject) s = g_list_model_get_item (offers, i);
        const char *name = gtk_string_object_get_string (s);

        g_assert_true (name[0] == 't');
        g_assert_true (prev == NULL || strcmp (prev, name) < 0);
        g_free (prev);
        prev = g_strdup (name);
      }
  }

  /* Text set by the program offers nothing. */
  remora_filter_bar_set_text (f->bar, "ip.ds");
  ui_test_iterate_until (ui_test_no_more_events, NULL);
  g_assert_false (remora_field_completion_is_shown (completion));
}

static gboolean
count_is (gpointer data)
{
  Fixture *f = ((gpointer *) data)[0];
  int want = GPOINTER_TO_INT (((gpointer *) data)[1]);

  return remora_filter_bar_get_match_count (f->bar) == want;
}

static void
test_match_count (Fixture       *f,
                  gconstpointer  data)
{
  Capture *cap = capture_load ();
  gpointer args[2] = { f, GINT_TO_POINTER (26) };

  remora_filter_bar_set_source (f->bar, NULL, &cap->source);

  /* Each key cancels the count before it; the last one wins. */
  type_text (f, "t");
  type_text (f, "tc");
  type_text (f, "arp");
  type_text (f, "tcp");
  g_assert_cmpint (remora_filter_bar_get_match_count (f->bar), ==, -1);
  g_assert_true (ui_test_iterate_until (count_is, args));
  g_assert_nonnull (ui_test_find_mapped_label (GTK_WIDGET (f->bar), "26 matches"));
  ui_test_save_screenshot (f->window, "filter-bar-count.png");

  type_text (f, "dns");
  args[1] = GINT_TO_POINTER (2);
  g_assert_true (ui_test_iterate_until (count_is, args));

  /* Invalid: no count at all. */
  type_text (f, "dns &&");
  g_assert_cmpint (remora_filter_bar_get_match_count (f->bar), ==, -1);
  ui_test_iterate_until (ui_test_no_more_events, NULL);
  g_assert_cmpint (remora_filter_bar_get_match_count (f->bar), ==, -1);

  remora_filter_bar_set_source (f->bar, NULL, NULL);
  capture_free (cap);
}

/* ---- the filtered packet list ---- */

static gboolean
document_loaded (gpointer data)
{
  return !remora_capture_document_get_loading (data) &&
         remora_capture_document_get_n_frames (data) > 0;
}

static void
assert_row (GListModel *model,
            guint       position,
            guint       number)
{
  g_autoptr(RemoraPacketRow) row = g_list_model_get_item (model, position);

  g_assert_nonnull (row);
  g_assert_cmpuint (remora_packet_row_get_number (row), ==, number);
}

static void
test_filtered_list (void)
{
  static const guint32 tcp_frames[] = { 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
                                        20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30 };
  static const guint32 arp_frames[] = { 1, 2 };
  static const guint32 dns_arp[] = { 1, 2, 3, 4 };
  g_autoptr(GFile) file = g_file_new_for_path (sample_path);
  g_autoptr(RemoraCaptureDocument) document = remora_capture_document_new (file);
  g_autoptr(RemoraFilteredPacketList) list = remora_filtered_packet_list_new (document);
  g_autoptr(RemoraDisplayIndex) tcp = remora_display_index_new_for_frames (tcp_frames, 26, 30, "tcp");
  g_autoptr(RemoraDisplayIndex) arp = remora_display_index_new_for_frames (arp_frames, 2, 30, "arp");
  g_autoptr(RemoraDisplayIndex) arp_dns = remora_display_index_new_for_frames (dns_arp, 4, 30, "arp || dns");
  g_autoptr(RemoraDisplayIndex) all = remora_display_index_new_all (30);
  g_autoptr(GString) log = g_string_new (NULL);
  GListModel *model = G_LIST_MODEL (list);

  g_signal_connect (list, "items-changed", G_CALLBACK (ui_test_record_items_changed), log);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  remora_capture_document_load_async (document, NULL, NULL, NULL);
  g_assert_true (ui_test_iterate_until (document_loaded, document));
  g_assert_cmpstr (log->str, ==, "0-0+30");
  g_assert_cmpuint (g_list_model_get_item_type (model), ==, REMORA_TYPE_PACKET_ROW);

  /* tcp keeps the tail the two share: only the four first rows go. */
  g_string_truncate (log, 0);
  remora_filtered_packet_list_set_index (list, tcp);
  g_assert_cmpstr (log->str, ==, "0-4+0");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 26);
  assert_row (model, 0, 5);
  assert_row (model, 25, 30);
  g_assert_null (g_list_model_get_item (model, 26));
  g_assert_cmpuint (remora_filtered_packet_list_find_frame (list, 8), ==, 3);
  g_assert_cmpuint (remora_filtered_packet_list_find_frame (list, 2), ==, G_MAXUINT);

  /* Nothing in common: one emission for the lot, never one per row. */
  g_string_truncate (log, 0);
  remora_filtered_packet_list_set_index (list, arp);
  g_assert_cmpstr (log->str, ==, "0-26+2");

  /* A growing filter appends. */
  g_string_truncate (log, 0);
  remora_filtered_packet_list_set_index (list, arp_dns);
  g_assert_cmpstr (log->str, ==, "2-0+2");
  assert_row (model, 3, 4);

  /* The empty filter: every frame, whether as an index or as none. */
  g_string_truncate (log, 0);
  remora_filtered_packet_list_set_index (list, all);
  g_assert_cmpstr (log->str, ==, "4-0+26");
  g_assert_null (remora_filtered_packet_list_get_index (list));
  remora_filtered_packet_list_set_index (list, NULL);
  g_assert_cmpstr (log->str, ==, "4-0+26");
  assert_row (model, 29, 30);

  g_string_truncate (log, 0);
  remora_filtered_packet_list_set_index (list, tcp);
  remora_filtered_packet_list_set_document (list, NULL);
  g_assert_cmpstr (log->str, ==, "0-4+0, 0-26+0");
  g_assert_null (remora_filtered_packet_list_get_index (list));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

/* A pcap of N 60-byte Ethernet frames, in the test's temporary folder. */
static char *
write_small_frames (guint n)
{
  g_autoptr(GByteArray) ba = g_byte_array_new ();
  static const guint8 header[24] = { 0xd4, 0xc3, 0xb2, 0xa1, 2, 0, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                                     0xff, 0xff, 0, 0, 1, 0, 0, 0 };
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (g_get_tmp_dir (), "remora-test-ramp.pcap", NULL);

  g_byte_array_append (ba, header, sizeof header);
  for (guint i = 0; i < n; i++)
    {
      guint32 rec[4] = { GUINT32_TO_LE (i), 0, GUINT32_TO_LE (60), GUINT32_TO_LE (60) };
      guint8 frame[60] = { 0 };

      frame[12] = 0x88;  /* an EtherType nothing dissects further */
      frame[13] = 0xb5;
      g_byte_array_append (ba, (const guint8 *) rec, sizeof rec);
      g_byte_array_append (ba, frame, sizeof frame);
    }
  g_file_set_contents (path, (const char *) ba->data, ba->len, &error);
  g_assert_no_error (error);
  return path;
}

static gboolean
list_has (gpointer data)
{
  GListModel *model = ((gpointer *) data)[0];

  return g_list_model_get_n_items (model) == GPOINTER_TO_UINT (((gpointer *) data)[1]);
}

/* A filter's result of many rows joins the list a few dozen rows at a
 * time (GTK builds a widget for each of the first couple of hundred at
 * once); the displayed count is right from the start, and a row asked
 * for by frame number is there at once. */
static void
test_filtered_list_ramp (void)
{
  g_autofree char *path = write_small_frames (1000);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(RemoraCaptureDocument) document = remora_capture_document_new (file);
  g_autoptr(RemoraFilteredPacketList) list = remora_filtered_packet_list_new (document);
  g_autoptr(GArray) odd = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_autoptr(RemoraDisplayIndex) index = NULL;
  g_autoptr(GString) log = g_string_new (NULL);
  g_autoptr(GString) want = g_string_new ("0-1000+32");
  GListModel *model = G_LIST_MODEL (list);
  gpointer full[2] = { model, GUINT_TO_POINTER (500) };

  remora_capture_document_load_async (document, NULL, NULL, NULL);
  g_assert_true (ui_test_iterate_until (document_loaded, document));
  g_assert_true (ui_test_iterate_until (list_has, (gpointer[]) { model, GUINT_TO_POINTER (1000) }));

  /* Frames 2, 4, ... 1000: nothing in common with the first row. */
  for (guint32 number = 2; number <= 1000; number += 2)
    g_array_append_val (odd, number);
  index = remora_display_index_new_for_frames ((const guint32 *) (void *) odd->data, odd->len, 1000, "even");
  g_signal_connect (list, "items-changed", G_CALLBACK (ui_test_record_items_changed), log);
  remora_filtered_packet_list_set_index (list, index);
  g_assert_cmpstr (log->str, ==, "0-1000+32");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 32);
  g_assert_cmpuint (remora_filtered_packet_list_get_n_displayed (list), ==, 500);

  /* Steps of 32 up to 256 rows, then the rest at once. */
  g_assert_true (ui_test_iterate_until (list_has, full));
  for (guint at = 32; at < 256; at += 32)
    g_string_append_printf (want, ", %u-0+32", at);
  g_string_append (want, ", 256-0+244");
  g_assert_cmpstr (log->str, ==, want->str);
  assert_row (model, 499, 1000);

  /* Every frame again; frame 900 wanted at once (Go to packet). */
  g_string_truncate (log, 0);
  remora_filtered_packet_list_set_index (list, NULL);
  g_assert_cmpstr (log->str, ==, "0-500+32");
  g_assert_cmpuint (remora_filtered_packet_list_find_frame (list, 900), ==, 899);
  g_assert_cmpstr (log->str, ==, "0-500+32, 32-0+968");
  assert_row (model, 899, 900);
  g_unlink (path);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  ui_test_ignore_environment_warnings ();

  sample_path = g_getenv ("REMORA_UI_SAMPLE");
  if (sample_path == NULL || *sample_path == '\0')
    {
      g_test_skip ("no sample capture");
      return 77;
    }

  g_test_add ("/remora/ui/filter-bar/states", Fixture, NULL, fixture_set_up, test_states, fixture_tear_down);
  g_test_add ("/remora/ui/filter-bar/apply-and-recent", Fixture, NULL, fixture_set_up, test_apply_and_recent, fixture_tear_down);
  g_test_add ("/remora/ui/filter-bar/completion", Fixture, NULL, fixture_set_up, test_completion, fixture_tear_down);
  g_test_add ("/remora/ui/filter-bar/match-count", Fixture, NULL, fixture_set_up, test_match_count, fixture_tear_down);
  g_test_add_func ("/remora/ui/filtered-list/items-changed", test_filtered_list);
  g_test_add_func ("/remora/ui/filtered-list/ramp", test_filtered_list_ramp);

  return g_test_run ();
}
