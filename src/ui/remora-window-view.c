/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-window"

#include "config.h"

#include "remora-window-private.h"

#include <glib/gi18n.h>

#include "remora-dissect.h"
#include "remora-frame-store.h"
#include "remora-packet-row.h"
#include "remora-preferences-window.h"
#include "remora-time-format.h"

/* The View and Go menus and Edit > Preferences:
 *
 *   Go     the go-to-packet bar under the filter bar, and next / previous /
 *          first / last packet from anywhere in the window
 *   View   which panes show, the zoom of the packet font, the Time column's
 *          format
 *   Edit   the Preferences window; its protocol switches set the dissectors'
 *          preferences and dissect the open file again
 *
 * Every choice lives in GSettings (org.remora.Remora) when the schema is
 * installed; the stateful actions are then the keys themselves, so the
 * menus, the Preferences window and another window all follow one value.
 *
 * The Time column is formatted here when a cell is bound, from the frame
 * store's time stamps, not taken from the document's cached row texts:
 * a new format only rewrites the cells on screen, and "since the previous
 * displayed packet" follows the display filter without dissecting.
 */

#define SCHEMA_ID "org.remora.Remora"
#define DEFAULT_FONT "Monospace 10"
#define DEFAULT_FONT_SIZE 10
#define ZOOM_MIN (-6)
#define ZOOM_MAX 16

static const struct {
  const char       *nick;       /* the time-format key's enum nick */
  RemoraTimeFormat  format;
  int               nat_chars;  /* width of the text without decimals */
} time_formats[] = {
  { "absolute-with-date",        REMORA_TIME_FORMAT_ABSOLUTE_YMD,    19 },
  { "absolute-with-day-of-year", REMORA_TIME_FORMAT_ABSOLUTE_YDOY,   17 },
  { "absolute",                  REMORA_TIME_FORMAT_ABSOLUTE,         8 },
  { "epoch",                     REMORA_TIME_FORMAT_EPOCH,           10 },
  { "relative",                  REMORA_TIME_FORMAT_RELATIVE,         4 },
  { "delta",                     REMORA_TIME_FORMAT_DELTA,            4 },
  { "delta-displayed",           REMORA_TIME_FORMAT_DELTA_DISPLAYED,  4 },
  { "utc",                       REMORA_TIME_FORMAT_UTC_YMD,         19 },
  { "utc-time-of-day",           REMORA_TIME_FORMAT_UTC,              8 },
};

struct _RemoraWindowView
{
  /* NULL when the schema is not installed: then the actions keep their
   * state for this window only. */
  GSettings          *settings;

  /* the go-to-packet bar */
  GtkRevealer        *goto_revealer;
  GtkEntry           *goto_entry;
  GtkLabel           *goto_message;

  /* the Time column */
  RemoraTimeFormat    time_format;
  int                 time_nat_chars;
  GtkListItemFactory *time_factory;
  GHashTable         *time_cells;         /* bound GtkListItems */
  guint               time_refresh_idle;

  int                 zoom;               /* without settings */
  GtkWindow          *preferences;        /* weak */

  /* after a protocol preference reopened the file: the frame to select */
  guint               reselect_frame;
};

/* ---- settings ---- */

static GSettings *
view_settings_new (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static const char * const keys[] = {
    "show-packet-list", "show-packet-details", "show-packet-bytes", "time-format",
    "font", "zoom-level", "colorize-packets", "tcp-desegment", "http-desegment",
  };

  /* An uninstalled build run without GSETTINGS_SCHEMA_DIR has no schema;
   * g_settings_new would abort. */
  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!g_settings_schema_has_key (schema, keys[i]))
      return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static GVariant *
action_state (RemoraWindow *self,
              const char   *name)
{
  GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), name);

  return action != NULL ? g_action_get_state (action) : NULL;
}

static gboolean
action_state_boolean (RemoraWindow *self,
                      const char   *name)
{
  g_autoptr(GVariant) state = action_state (self, name);

  return state == NULL || g_variant_get_boolean (state);
}

/* ---- the dissectors' preferences ---- */

static void
apply_protocol_preferences (GSettings *settings)
{
  static const struct {
    const char *key;
    const char *prefs[2];
  } map[] = {
    { "tcp-desegment",  { "tcp.desegment_tcp_streams", NULL } },
    /* One switch, as the key says; the dissector keeps the two apart. */
    { "http-desegment", { "http.desegment_headers", "http.desegment_body" } },
  };

  remora_dissectors_init ();
  for (guint i = 0; i < G_N_ELEMENTS (map); i++)
    {
      const char *value = g_settings_get_boolean (settings, map[i].key) ? "TRUE" : "FALSE";

      for (guint j = 0; j < G_N_ELEMENTS (map[i].prefs) && map[i].prefs[j] != NULL; j++)
        {
          g_autoptr(GError) error = NULL;

          if (!remora_pref_set (map[i].prefs[j], value, &error))
            g_warning ("%s", error->message);
        }
    }
}

static guint
selected_frame (RemoraWindow *self)
{
  RemoraPacketRow *row = gtk_single_selection_get_selected_item (self->selection);

  return row != NULL ? remora_packet_row_get_number (row) : 0;
}

/* The file is read and dissected again with the new preferences; the
 * display filter stays applied (remora_window_open keeps it) and the
 * selected frame comes back once the list has it. */
static void
on_protocol_preference_changed (RemoraWindow *self,
                                const char   *key,
                                GSettings    *settings)
{
  GFile *file;

  if (self->view == NULL)
    return;
  apply_protocol_preferences (settings);
  if (self->document == NULL || remora_capture_document_get_live (self->document))
    return;
  file = remora_capture_document_get_file (self->document);
  if (file == NULL)
    return;

  /* A second change while the first reload reads keeps its frame. */
  if (!remora_capture_document_get_loading (self->document))
    self->view->reselect_frame = selected_frame (self);
  g_object_ref (file);
  remora_window_open (self, file);
  g_object_unref (file);
}

/* ---- selecting a packet ---- */

static void
scroll_to_position (RemoraWindow *self,
                    guint         position)
{
  /* GTK 4.8's column view has no scroll call; its inner list view has
   * an action for it. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      {
        gtk_widget_activate_action (child, "list.scroll-to-item", "u", position);
        break;
      }
}

static void
select_position (RemoraWindow *self,
                 guint         position)
{
  remora_filtered_packet_list_show_position (self->packet_list, position);
  gtk_single_selection_set_selected (self->selection, position);
  scroll_to_position (self, position);
}

/* ---- Go ---- */

static guint
n_displayed (RemoraWindow *self)
{
  return remora_filtered_packet_list_get_n_displayed (self->packet_list);
}

static void
go_step (RemoraWindow *self,
         int           step)
{
  guint n = n_displayed (self);
  guint position = gtk_single_selection_get_selected (self->selection);

  if (n == 0)
    return;
  /* With nothing selected, down starts at the top and up at the bottom. */
  if (position == GTK_INVALID_LIST_POSITION)
    position = step > 0 ? 0 : n - 1;
  else if (step > 0 && position + 1 < n)
    position++;
  else if (step < 0 && position > 0)
    position--;
  select_position (self, position);
}

static void
go_next_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  go_step (REMORA_WINDOW (widget), 1);
}

static void
go_previous_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  go_step (REMORA_WINDOW (widget), -1);
}

static void
go_first_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  if (n_displayed (self) > 0)
    select_position (self, 0);
}

static void
go_last_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);
  guint n = n_displayed (self);

  if (n > 0)
    select_position (self, n - 1);
}

static void
goto_bar_say (RemoraWindow *self,
              const char   *message)
{
  gtk_label_set_text (self->view->goto_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->view->goto_message), message != NULL);
}

static void
goto_bar_close (RemoraWindow *self)
{
  if (!gtk_revealer_get_reveal_child (self->view->goto_revealer))
    return;
  gtk_revealer_set_reveal_child (self->view->goto_revealer, FALSE);
  goto_bar_say (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_goto_activate (RemoraWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->view->goto_entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  guint n_frames = self->document != NULL ? remora_capture_document_get_n_frames (self->document) : 0;
  guint64 number;
  guint position;
  g_autofree char *message = NULL;

  if (!g_ascii_string_to_unsigned (stripped, 10, 0, G_MAXUINT, &number, NULL))
    {
      goto_bar_say (self, _("Enter a packet number."));
      return;
    }
  if (number == 0 || number > n_frames)
    {
      message = g_strdup_printf (ngettext ("There is no packet %s: the capture has %u packet.",
                                           "There is no packet %s: the capture has %u packets.",
                                           n_frames),
                                 stripped, n_frames);
      goto_bar_say (self, message);
      return;
    }
  position = remora_filtered_packet_list_find_frame (self->packet_list, (guint) number);
  if (position == G_MAXUINT)
    {
      message = g_strdup_printf (_("Packet %u is not displayed: the display filter hides it."),
                                 (guint) number);
      goto_bar_say (self, message);
      return;
    }

  select_position (self, position);
  goto_bar_close (self);
}

static void
goto_packet_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  /* A fresh number each time (and no text for the entry to select as it
   * takes the focus: GTK 4.8 warns about a selection while the cursor
   * blinks). */
  gtk_editable_set_text (GTK_EDITABLE (self->view->goto_entry), "");
  goto_bar_say (self, NULL);
  gtk_revealer_set_reveal_child (self->view->goto_revealer, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->view->goto_entry));
}

static gboolean
on_goto_key_pressed (GtkEventControllerKey *controller,
                     guint                  keyval,
                     guint                  keycode,
                     GdkModifierType        state,
                     RemoraWindow          *self)
{
  if (keyval != GDK_KEY_Escape)
    return FALSE;
  goto_bar_close (self);
  return TRUE;
}

static void
on_goto_changed (RemoraWindow *self)
{
  /* The message was about the number that is no longer there. */
  goto_bar_say (self, NULL);
}

static void
build_goto_bar (RemoraWindow *self)
{
  RemoraWindowView *view = self->view;
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new_with_mnemonic (_("_Go to packet:"));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *go = gtk_button_new_with_mnemonic (_("Go to _Packet"));
  GtkWidget *message = gtk_label_new (NULL);
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkWidget *filter_bar = GTK_WIDGET (self->filter_bar);

  gtk_widget_set_name (revealer, "goto_bar");
  gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_widget_add_css_class (box, "goto-bar");
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_widget_set_margin_bottom (box, 6);

  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_entry_set_input_purpose (GTK_ENTRY (entry), GTK_INPUT_PURPOSE_DIGITS);
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Number"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Packet number"),
                                  -1);
  g_signal_connect_object (entry, "activate", G_CALLBACK (on_goto_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_goto_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (go, "clicked", G_CALLBACK (on_goto_activate), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (close, "clicked", G_CALLBACK (goto_bar_close), self, G_CONNECT_SWAPPED);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_goto_key_pressed), self);
  gtk_widget_add_controller (box, keys);

  gtk_label_set_xalign (GTK_LABEL (message), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (message), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (message, TRUE);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_set_visible (message, FALSE);

  gtk_widget_set_hexpand (close, FALSE);
  gtk_widget_set_halign (close, GTK_ALIGN_END);
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_tooltip_text (close, _("Close (Escape)"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (close),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Close"),
                                  -1);

  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), go);
  gtk_box_append (GTK_BOX (box), message);
  /* The close button stays at the end with or without a message. */
  {
    GtkWidget *spacer = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);

    gtk_widget_set_hexpand (spacer, TRUE);
    g_object_bind_property (message, "visible", spacer, "visible",
                            G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
    gtk_box_append (GTK_BOX (box), spacer);
  }
  gtk_box_append (GTK_BOX (box), close);
  gtk_revealer_set_child (GTK_REVEALER (revealer), box);

  /* Right under the display filter, as Wireshark places it. */
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (filter_bar)), revealer, filter_bar);

  view->goto_revealer = GTK_REVEALER (revealer);
  view->goto_entry = GTK_ENTRY (entry);
  view->goto_message = GTK_LABEL (message);
}

/* Ctrl+Up/Down/Home/End move through the packets from any pane; in a
 * text field they keep their editing meaning. */
static gboolean
go_shortcut (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (widget));

  if (focus != NULL && GTK_IS_EDITABLE (focus))
    return FALSE;
  return gtk_widget_activate_action (widget, user_data, NULL);
}

static void
add_go_shortcuts (RemoraWindow *self)
{
  static const struct { guint keyval; const char *action; } keys[] = {
    { GDK_KEY_Down,    "win.go-next-packet" },
    { GDK_KEY_KP_Down, "win.go-next-packet" },
    { GDK_KEY_Up,      "win.go-previous-packet" },
    { GDK_KEY_KP_Up,   "win.go-previous-packet" },
    { GDK_KEY_Home,    "win.go-first-packet" },
    { GDK_KEY_KP_Home, "win.go-first-packet" },
    { GDK_KEY_End,     "win.go-last-packet" },
    { GDK_KEY_KP_End,  "win.go-last-packet" },
  };
  GtkEventController *shortcuts = gtk_shortcut_controller_new ();

  /* The lists bind these keys to moving their focus: capture phase, so
   * the window sees them first, as with Ctrl+/. */
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
                                          gtk_shortcut_new (gtk_keyval_trigger_new (keys[i].keyval, GDK_CONTROL_MASK),
                                                            gtk_callback_action_new (go_shortcut, (gpointer) keys[i].action, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

/* ---- View: panes ---- */

static void
update_panes (RemoraWindow *self)
{
  gboolean list;
  gboolean details;
  gboolean bytes;

  if (self->view == NULL)
    return;
  list = action_state_boolean (self, "show-packet-list");
  details = action_state_boolean (self, "show-packet-details");
  bytes = action_state_boolean (self, "show-packet-bytes");

  /* A hidden child gives its paned's room to the other one; the divider
   * positions stay for when it comes back. */
  gtk_widget_set_visible (gtk_paned_get_start_child (self->main_paned), list);
  gtk_widget_set_visible (GTK_WIDGET (self->proto_tree), details);
  gtk_widget_set_visible (GTK_WIDGET (self->bytes_notebook), bytes);
  gtk_widget_set_visible (GTK_WIDGET (self->details_paned), details || bytes);
}

/* ---- View: font and zoom ---- */

static int
get_zoom (RemoraWindow *self)
{
  if (self->view->settings != NULL)
    return g_settings_get_int (self->view->settings, "zoom-level");
  return self->view->zoom;
}

static void
set_zoom (RemoraWindow *self,
          int           zoom)
{
  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  if (self->view->settings != NULL)
    g_settings_set_int (self->view->settings, "zoom-level", zoom);
  else
    {
      self->view->zoom = zoom;
      _remora_window_view_update (self);
    }
}

/* One provider for the display: every window shows the same settings. */
static GtkCssProvider *font_provider;

static char *
font_css (const char *font,
          int         zoom)
{
  PangoFontDescription *desc = pango_font_description_from_string (font != NULL ? font : DEFAULT_FONT);
  const char *family = pango_font_description_get_family (desc);
  PangoFontMask set = pango_font_description_get_set_fields (desc);
  double size = DEFAULT_FONT_SIZE;
  const char *unit = "pt";
  GString *css = g_string_new (NULL);
  GString *quoted = g_string_new (NULL);
  char number[G_ASCII_DTOSTR_BUF_SIZE];

  if ((set & PANGO_FONT_MASK_SIZE) != 0 && pango_font_description_get_size (desc) > 0)
    {
      size = (double) pango_font_description_get_size (desc) / PANGO_SCALE;
      if (pango_font_description_get_size_is_absolute (desc))
        unit = "px";
    }
  size = MAX (size + zoom, 4.0);

  /* A family name goes into CSS as a string: quotes and backslashes
   * escaped. */
  for (const char *p = family != NULL ? family : "monospace"; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (quoted, '\\');
      g_string_append_c (quoted, *p);
    }

  g_string_append (css, "columnview.packet-list > listview,\nlistview.proto-tree,\nhexview {\n");
  g_string_append_printf (css, "  font-family: \"%s\";\n", quoted->str);
  g_string_append_printf (css, "  font-size: %s%s;\n",
                          g_ascii_formatd (number, sizeof number, "%.1f", size), unit);
  if ((set & PANGO_FONT_MASK_WEIGHT) != 0)
    g_string_append_printf (css, "  font-weight: %d;\n", (int) pango_font_description_get_weight (desc));
  if ((set & PANGO_FONT_MASK_STYLE) != 0)
    g_string_append_printf (css, "  font-style: %s;\n",
                            pango_font_description_get_style (desc) == PANGO_STYLE_ITALIC ? "italic" :
                            pango_font_description_get_style (desc) == PANGO_STYLE_OBLIQUE ? "oblique" :
                            "normal");
  g_string_append (css, "}\n");

  pango_font_description_free (desc);
  g_string_free (quoted, TRUE);
  return g_string_free (css, FALSE);
}

static void
update_font (RemoraWindow *self)
{
  g_autofree char *font = NULL;
  g_autofree char *css = NULL;
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (self));

  if (self->view->settings != NULL)
    font = g_settings_get_string (self->view->settings, "font");
  css = font_css (font, get_zoom (self));

  if (font_provider == NULL)
    {
      font_provider = gtk_css_provider_new ();
      /* Above style.css, which gives the hex view its monospace. */
      gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (font_provider),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION + 1);
    }
  gtk_css_provider_load_from_data (font_provider, css, -1);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  set_zoom (self, get_zoom (self) + 1);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  set_zoom (self, get_zoom (self) - 1);
}

static void
zoom_normal_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  set_zoom (REMORA_WINDOW (widget), 0);
}

static void
on_font_changed (RemoraWindow *self)
{
  if (self->view == NULL)
    return;
  update_font (self);
  _remora_window_view_update (self);
}

/* ---- View: the Time column ---- */

static void
time_cell_render (RemoraWindow *self,
                  GtkListItem  *item)
{
  RemoraPacketRow *row = gtk_list_item_get_item (item);
  GtkInscription *cell = GTK_INSCRIPTION (gtk_list_item_get_child (item));
  RemoraDisplaySource source;
  const RemoraFrameRecord *record;
  const RemoraInterface *iface;
  gint64 reference = 0;
  guint number;
  guint prev = 0;
  int digits;
  GString *text;

  if (row == NULL || self->document == NULL)
    {
      gtk_inscription_set_text (cell, NULL);
      return;
    }
  number = remora_packet_row_get_number (row);
  remora_capture_document_get_display_source (self->document, &source);
  if (source.store == NULL || number == 0 || number > remora_frame_store_get_n_frames (source.store))
    {
      gtk_inscription_set_text (cell, NULL);
      return;
    }

  record = remora_frame_store_get_record (source.store, number);
  switch (self->view->time_format)
    {
    case REMORA_TIME_FORMAT_RELATIVE:
      prev = 1;
      break;
    case REMORA_TIME_FORMAT_DELTA:
      prev = number > 1 ? number - 1 : number;
      break;
    case REMORA_TIME_FORMAT_DELTA_DISPLAYED:
      /* The displayed frame before it in capture order, whatever the
       * list is sorted by; the first counts from itself, as Wireshark's. */
      prev = remora_filtered_packet_list_get_displayed_before (self->packet_list, number);
      if (prev == 0)
        prev = number;
      break;
    case REMORA_TIME_FORMAT_ABSOLUTE:
    case REMORA_TIME_FORMAT_ABSOLUTE_YMD:
    case REMORA_TIME_FORMAT_ABSOLUTE_YDOY:
    case REMORA_TIME_FORMAT_EPOCH:
    case REMORA_TIME_FORMAT_UTC:
    case REMORA_TIME_FORMAT_UTC_YMD:
    case REMORA_TIME_FORMAT_UTC_YDOY:
    default:
      break;
    }
  if (prev != 0)
    reference = remora_frame_store_get_record (source.store, prev)->ts_ns;

  iface = remora_frame_store_get_interface (source.store, record->iface_id);
  digits = remora_time_format_digits (iface != NULL ? iface->ts_units : 0);
  /* Wide enough for the format at the capture's precision, plus one: the
   * column takes the widest cell's. */
  gtk_inscription_set_nat_chars (cell, (guint) (self->view->time_nat_chars + (digits > 0 ? digits + 1 : 0) + 1));
  text = g_string_sized_new (32);
  remora_time_format_append (self->view->time_format, record->ts_ns, reference, digits, text);
  gtk_inscription_set_text (cell, text->str);
  g_string_free (text, TRUE);
}

static void
time_cell_setup (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 RemoraWindow             *self)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 0.0f);
  gtk_inscription_set_nat_chars (GTK_INSCRIPTION (cell), (guint) self->view->time_nat_chars + 11);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_widget_add_css_class (cell, "numeric");
  /* Still a packet list cell: the context menu and the row's colour
   * know it like the others. */
  _remora_window_menus_cell_setup (cell, REMORA_COLUMN_TIME);
  gtk_list_item_set_child (item, cell);
}

static void
time_cell_bind (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                RemoraWindow             *self)
{
  g_hash_table_add (self->view->time_cells, item);
  time_cell_render (self, item);
}

static void
time_cell_unbind (GtkSignalListItemFactory *factory,
                  GtkListItem              *item,
                  RemoraWindow             *self)
{
  if (self->view != NULL)
    g_hash_table_remove (self->view->time_cells, item);
  gtk_inscription_set_text (GTK_INSCRIPTION (gtk_list_item_get_child (item)), NULL);
  _remora_window_menus_cell_bind (gtk_list_item_get_child (item), 0);
}

static void
time_cells_refresh (RemoraWindow *self)
{
  GHashTableIter iter;
  gpointer item;

  g_hash_table_iter_init (&iter, self->view->time_cells);
  while (g_hash_table_iter_next (&iter, &item, NULL))
    time_cell_render (self, item);
}

static gboolean
time_refresh_cb (gpointer data)
{
  RemoraWindow *self = data;

  self->view->time_refresh_idle = 0;
  time_cells_refresh (self);
  return G_SOURCE_REMOVE;
}

static GtkListItemFactory *
time_factory_new (RemoraWindow *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (time_cell_setup), self);
  g_signal_connect (factory, "bind", G_CALLBACK (time_cell_bind), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (time_cell_unbind), self);
  _remora_window_colors_connect_factory (self, factory);
  return factory;
}

static GtkColumnViewColumn *
time_column (RemoraWindow *self)
{
  g_autoptr(GtkColumnViewColumn) column =
    g_list_model_get_item (gtk_column_view_get_columns (self->column_view), REMORA_COLUMN_TIME);

  return column;
}

static void
on_time_format_changed (RemoraWindow *self)
{
  g_autoptr(GVariant) state = action_state (self, "time-format");
  const char *nick = state != NULL ? g_variant_get_string (state, NULL) : "relative";
  if (self->view == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (time_formats); i++)
    if (g_str_equal (nick, time_formats[i].nick))
      {
        if (self->view->time_format == time_formats[i].format &&
            self->view->time_nat_chars == time_formats[i].nat_chars)
          return;
        self->view->time_format = time_formats[i].format;
        self->view->time_nat_chars = time_formats[i].nat_chars;
      }

  /* The rows on screen are written again; nothing is dissected. */
  if (self->view->time_factory == NULL)
    {
      self->view->time_factory = time_factory_new (self);
      gtk_column_view_column_set_factory (time_column (self), self->view->time_factory);
      return;
    }
  time_cells_refresh (self);
}

/* Rows keep their cells when the filter changes around them; "since the
 * previous displayed packet" must still follow. */
static void
on_list_items_changed (RemoraWindow *self,
                       guint         position,
                       guint         removed,
                       guint         added,
                       GListModel   *list)
{
  if (self->view == NULL)
    return;
  if (self->view->time_format == REMORA_TIME_FORMAT_DELTA_DISPLAYED &&
      self->view->time_refresh_idle == 0)
    self->view->time_refresh_idle = g_idle_add (time_refresh_cb, self);

  if (self->view->reselect_frame != 0 && self->document != NULL &&
      !remora_capture_document_get_loading (self->document) &&
      remora_capture_document_get_n_frames (self->document) > 0)
    {
      guint where = remora_filtered_packet_list_find_frame (self->packet_list, self->view->reselect_frame);

      self->view->reselect_frame = 0;
      if (where != G_MAXUINT)
        select_position (self, where);
    }
}

/* ---- Edit: Preferences ---- */

static void
preferences_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  RemoraWindow *self = REMORA_WINDOW (widget);

  if (self->view->settings == NULL)
    return;
  if (self->view->preferences == NULL)
    {
      self->view->preferences = remora_preferences_window_new (GTK_WINDOW (self), self->view->settings);
      g_object_add_weak_pointer (G_OBJECT (self->view->preferences),
                                 (gpointer *) &self->view->preferences);
    }
  gtk_window_present (self->view->preferences);
}

/* ---- hooks ---- */

void
_remora_window_view_update (RemoraWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean has_packets;
  int zoom;

  if (self->view == NULL)
    return;
  has_packets = self->document != NULL && n_displayed (self) > 0;
  zoom = get_zoom (self);

  gtk_widget_action_set_enabled (widget, "win.go-to-packet", self->document != NULL);
  gtk_widget_action_set_enabled (widget, "win.go-next-packet", has_packets);
  gtk_widget_action_set_enabled (widget, "win.go-previous-packet", has_packets);
  gtk_widget_action_set_enabled (widget, "win.go-first-packet", has_packets);
  gtk_widget_action_set_enabled (widget, "win.go-last-packet", has_packets);
  gtk_widget_action_set_enabled (widget, "win.zoom-in", zoom < ZOOM_MAX);
  gtk_widget_action_set_enabled (widget, "win.zoom-out", zoom > ZOOM_MIN);
  gtk_widget_action_set_enabled (widget, "win.zoom-normal", zoom != 0);
  gtk_widget_action_set_enabled (widget, "win.preferences", self->view->settings != NULL);
}

void
_remora_window_view_class_init (GtkWidgetClass *widget_class)
{
  /* Wireshark's keys. */
  gtk_widget_class_install_action (widget_class, "win.go-to-packet", NULL, goto_packet_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_g, GDK_CONTROL_MASK, "win.go-to-packet", NULL);
  /* Ctrl+Up/Down/Home/End: add_go_shortcuts (), so that the lists do not
   * take them first. */
  gtk_widget_class_install_action (widget_class, "win.go-next-packet", NULL, go_next_action);
  gtk_widget_class_install_action (widget_class, "win.go-previous-packet", NULL, go_previous_action);
  gtk_widget_class_install_action (widget_class, "win.go-first-packet", NULL, go_first_action);
  gtk_widget_class_install_action (widget_class, "win.go-last-packet", NULL, go_last_action);

  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_install_action (widget_class, "win.zoom-normal", NULL, zoom_normal_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-normal", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-normal", NULL);

  gtk_widget_class_install_action (widget_class, "win.preferences", NULL, preferences_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.preferences", NULL);
}

/* The stateful "win." actions of the View menu: the GSettings keys
 * themselves, or plain actions holding DEFAULT_STATE without a schema. */
static void
add_state_action (RemoraWindow *self,
                  const char   *key,
                  GVariant     *default_state,
                  GCallback     on_change)
{
  g_autoptr(GAction) action = NULL;
  g_autoptr(GVariant) owned = g_variant_ref_sink (default_state);

  if (self->view->settings != NULL)
    action = g_settings_create_action (self->view->settings, key);
  else
    action = G_ACTION (g_simple_action_new_stateful (key,
                                                     g_variant_is_of_type (owned, G_VARIANT_TYPE_BOOLEAN)
                                                     ? NULL : G_VARIANT_TYPE_STRING,
                                                     owned));
  g_signal_connect_object (action, "notify::state", on_change, self, G_CONNECT_SWAPPED);
  g_action_map_add_action (G_ACTION_MAP (self), action);
}

void
_remora_window_view_init (RemoraWindow *self)
{
  RemoraWindowView *view = g_new0 (RemoraWindowView, 1);

  self->view = view;
  view->settings = view_settings_new ();
  view->time_cells = g_hash_table_new (NULL, NULL);
  view->time_format = (RemoraTimeFormat) -1;

  build_goto_bar (self);
  add_go_shortcuts (self);

  add_state_action (self, "show-packet-list", g_variant_new_boolean (TRUE), G_CALLBACK (update_panes));
  add_state_action (self, "show-packet-details", g_variant_new_boolean (TRUE), G_CALLBACK (update_panes));
  add_state_action (self, "show-packet-bytes", g_variant_new_boolean (TRUE), G_CALLBACK (update_panes));
  add_state_action (self, "time-format", g_variant_new_string ("relative"), G_CALLBACK (on_time_format_changed));
  update_panes (self);
  on_time_format_changed (self);

  if (view->settings != NULL)
    {
      g_signal_connect_object (view->settings, "changed::font", G_CALLBACK (on_font_changed),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view->settings, "changed::zoom-level", G_CALLBACK (on_font_changed),
                               self, G_CONNECT_SWAPPED);
      /* Before any file is read, so that its first pass already uses them. */
      apply_protocol_preferences (view->settings);
      g_signal_connect_object (view->settings, "changed::tcp-desegment",
                               G_CALLBACK (on_protocol_preference_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (view->settings, "changed::http-desegment",
                               G_CALLBACK (on_protocol_preference_changed), self, G_CONNECT_SWAPPED);
    }
  update_font (self);

  g_signal_connect_object (self->packet_list, "items-changed",
                           G_CALLBACK (on_list_items_changed), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);
  g_signal_connect_object (self->packet_list, "notify::n-items",
                           G_CALLBACK (_remora_window_view_update), self, G_CONNECT_SWAPPED);
  _remora_window_view_update (self);
}

void
_remora_window_view_dispose (RemoraWindow *self)
{
  RemoraWindowView *view = self->view;

  if (view == NULL)
    return;
  self->view = NULL;
  g_clear_handle_id (&view->time_refresh_idle, g_source_remove);
  if (view->preferences != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (view->preferences), (gpointer *) &view->preferences);
      gtk_window_destroy (view->preferences);
    }
  g_clear_pointer (&view->time_cells, g_hash_table_unref);
  g_clear_object (&view->time_factory);
  /* The actions made from the settings keep them alive past this. */
  if (view->settings != NULL)
    g_signal_handlers_disconnect_by_data (view->settings, self);
  g_clear_object (&view->settings);
  g_free (view);
}
