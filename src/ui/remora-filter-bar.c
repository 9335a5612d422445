/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-filter-bar"

#include "config.h"

#include "remora-filter-bar.h"
#include "remora-ui-css.h"

#include <string.h>

#include <glib/gi18n.h>

#include "remora-dfilter.h"
#include "remora-dissectors.h"

/* A count starts once typing pauses this long, so a fast typist does
 * not start (and cancel) a pass over the capture per key. */
#define COUNT_DELAY_MS 300

/* As many as a person scans in the drop-down at a glance. */
#define MAX_RECENT 20

#define SCHEMA_ID  "org.remora.Remora"
#define RECENT_KEY "recent-display-filters"

struct _RemoraFilterBar
{
  GtkBox                 parent_instance;

  /* template widgets */
  GtkEntry              *entry;
  GtkLabel              *message_label;
  GtkLabel              *count_label;
  GtkButton             *apply_button;
  GtkMenuButton         *recent_button;
  GtkListBox            *recent_list;
  GtkButton             *expression_button;

  RemoraFieldCompletion *completion;

  RemoraFilterState      state;
  char                  *message;

  /* Recent filters: in GSettings when the schema is installed, else
   * only for this run. */
  GSettings             *settings;
  char                 **recent;

  /* The live count. */
  GObject               *owner;
  RemoraDisplaySource    source;
  gboolean               have_source;
  guint                  count_timeout;
  GCancellable          *count_cancellable;
  int                    match_count;
};

G_DEFINE_FINAL_TYPE (RemoraFilterBar, remora_filter_bar, GTK_TYPE_BOX)

enum {
  PROP_0,
  PROP_TEXT,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_MATCH_COUNT,
  PROP_SHOW_EXPRESSION_BUTTON,
  N_PROPS
};

enum {
  APPLY,
  EXPRESSION_REQUESTED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

GType
remora_filter_state_get_type (void)
{
  static gsize type_id;

  if (g_once_init_enter (&type_id))
    {
      static const GEnumValue values[] = {
        { REMORA_FILTER_STATE_EMPTY, "REMORA_FILTER_STATE_EMPTY", "empty" },
        { REMORA_FILTER_STATE_VALID, "REMORA_FILTER_STATE_VALID", "valid" },
        { REMORA_FILTER_STATE_WARNING, "REMORA_FILTER_STATE_WARNING", "warning" },
        { REMORA_FILTER_STATE_INVALID, "REMORA_FILTER_STATE_INVALID", "invalid" },
        { 0, NULL, NULL }
      };
      GType type = g_enum_register_static (g_intern_static_string ("RemoraFilterState"), values);

      g_once_init_leave (&type_id, type);
    }
  return type_id;
}

/* ---- the live count ---- */

static void
set_match_count (RemoraFilterBar *self,
                 int              count)
{
  if (self->match_count == count)
    return;
  self->match_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MATCH_COUNT]);
}

static void
stop_count (RemoraFilterBar *self)
{
  g_clear_handle_id (&self->count_timeout, g_source_remove);
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
}

static void
count_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(RemoraFilterBar) self = user_data;
  g_autoptr(RemoraDisplayIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n;

  index = remora_display_index_compute_finish (result, &error);
  /* A newer count replaced this one, or the bar is going away. */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->count_cancellable);

  if (index == NULL)
    {
      g_debug ("count failed: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      set_match_count (self, -1);
      return;
    }

  n = remora_display_index_get_n_displayed (index);
  text = g_strdup_printf (ngettext ("%u match", "%u matches", n), n);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);
  set_match_count (self, (int) MIN (n, (guint) G_MAXINT));
}

static gboolean
count_timeout_cb (gpointer user_data)
{
  RemoraFilterBar *self = user_data;

  self->count_timeout = 0;
  self->count_cancellable = g_cancellable_new ();
  gtk_label_set_text (self->count_label, _("Counting…"));
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), TRUE);

  remora_display_index_compute_async (self->owner, &self->source,
                                      gtk_editable_get_text (GTK_EDITABLE (self->entry)),
                                      REMORA_DISPLAY_INDEX_COUNT_ONLY,
                                      self->count_cancellable,
                                      NULL, NULL, NULL,
                                      count_done, g_object_ref (self));
  return G_SOURCE_REMOVE;
}

/* Called on every change of text or source: the old count is stale. */
static void
queue_count (RemoraFilterBar *self)
{
  stop_count (self);
  set_match_count (self, -1);

  if (!self->have_source ||
      (self->state != REMORA_FILTER_STATE_VALID && self->state != REMORA_FILTER_STATE_WARNING))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
      return;
    }

  self->count_timeout = g_timeout_add (COUNT_DELAY_MS, count_timeout_cb, self);
  g_source_set_static_name (g_main_context_find_source_by_id (NULL, self->count_timeout),
                            "[remora] filter bar count");
}

void
remora_filter_bar_set_source (RemoraFilterBar           *self,
                              GObject                   *owner,
                              const RemoraDisplaySource *source)
{
  g_return_if_fail (REMORA_IS_FILTER_BAR (self));
  g_return_if_fail (!owner || G_IS_OBJECT (owner));

  stop_count (self);
  g_set_object (&self->owner, owner);
  self->have_source = source != NULL;
  if (source != NULL)
    self->source = *source;
  else
    memset (&self->source, 0, sizeof self->source);
  queue_count (self);
}

int
remora_filter_bar_get_match_count (RemoraFilterBar *self)
{
  g_return_val_if_fail (REMORA_IS_FILTER_BAR (self), -1);

  return self->match_count;
}

/* ---- validity ---- */

static void
set_state (RemoraFilterBar   *self,
           RemoraFilterState  state,
           const char        *message)
{
  static const char *const classes[] = {
    [REMORA_FILTER_STATE_EMPTY] = NULL,
    [REMORA_FILTER_STATE_VALID] = "filter-valid",
    [REMORA_FILTER_STATE_WARNING] = "filter-warning",
    [REMORA_FILTER_STATE_INVALID] = "filter-invalid",
  };
  GtkWidget *entry = GTK_WIDGET (self->entry);
  gboolean state_changed = self->state != state;
  gboolean message_changed = g_strcmp0 (self->message, message) != 0;

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (classes[i] != NULL && i != state)
      gtk_widget_remove_css_class (entry, classes[i]);
  if (classes[state] != NULL)
    gtk_widget_add_css_class (entry, classes[state]);

  self->state = state;
  if (message_changed)
    {
      g_free (self->message);
      self->message = g_strdup (message);
    }

  gtk_widget_set_tooltip_text (entry, message);
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->message_label), message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
  if (state == REMORA_FILTER_STATE_INVALID)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "warning");
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->apply_button), state != REMORA_FILTER_STATE_INVALID);

  if (state_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_STATE]);
  if (message_changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_MESSAGE]);
}

/* The offending bytes, underlined like a misspelling and tinted.  An
 * error at the very end (a missing operand) marks the last character,
 * so there is always something to see. */
static void
mark_span (RemoraFilterBar *self,
           const char      *text,
           guint            start,
           guint            length)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  gsize len = strlen (text);
  PangoAttribute *attr;

  if (len == 0)
    {
      gtk_entry_set_attributes (self->entry, NULL);
      return;
    }
  if (start >= len)
    {
      start = g_utf8_find_prev_char (text, text + len) - text;
      length = len - start;
    }
  else if (length == 0 || start + length > len)
    length = (g_utf8_next_char (text + start) - text) - start;
  if (start + length > len)
    length = len - start;

  attr = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
  attr->start_index = start;
  attr->end_index = start + length;
  pango_attr_list_insert (attrs, attr);

  attr = pango_attr_underline_color_new (0xc000, 0x1c00, 0x2800);
  attr->start_index = start;
  attr->end_index = start + length;
  pango_attr_list_insert (attrs, attr);

  attr = pango_attr_background_new (0xe000, 0x1b00, 0x2400);
  attr->start_index = start;
  attr->end_index = start + length;
  pango_attr_list_insert (attrs, attr);

  attr = pango_attr_background_alpha_new (0x5000);
  attr->start_index = start;
  attr->end_index = start + length;
  pango_attr_list_insert (attrs, attr);

  gtk_entry_set_attributes (self->entry, attrs);
}

static void
revalidate (RemoraFilterBar *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  g_autoptr(RemoraDfilterError) error = NULL;
  g_autoptr(RemoraDfilter) dfilter = NULL;
  const char *const *warnings;
  const char *p;

  gtk_entry_set_icon_from_icon_name (self->entry, GTK_ENTRY_ICON_SECONDARY,
                                     text[0] != '\0' ? "edit-clear-symbolic" : NULL);

  for (p = text; *p != '\0' && g_ascii_isspace (*p); p++)
    ;
  if (*p == '\0')
    {
      gtk_entry_set_attributes (self->entry, NULL);
      set_state (self, REMORA_FILTER_STATE_EMPTY, NULL);
      return;
    }

  /* Compiling is cheap next to a keystroke; it runs on every change. */
  dfilter = remora_dfilter_compile (text, &error);
  if (dfilter == NULL)
    {
      mark_span (self, text, error != NULL ? error->start : 0, error != NULL ? error->length : 0);
      set_state (self, REMORA_FILTER_STATE_INVALID,
                 error != NULL ? error->message : _("This display filter is not valid."));
      return;
    }

  gtk_entry_set_attributes (self->entry, NULL);
  warnings = remora_dfilter_get_warnings (dfilter);
  if (warnings != NULL && warnings[0] != NULL)
    {
      g_autofree char *all = g_strjoinv ("\n", (char **) warnings);

      set_state (self, REMORA_FILTER_STATE_WARNING, all);
    }
  else
    set_state (self, REMORA_FILTER_STATE_VALID, NULL);
}

static void
on_entry_changed (RemoraFilterBar *self,
                  GtkEditable     *editable)
{
  revalidate (self);
  queue_count (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TEXT]);
}

/* ---- recent filters ---- */

static void
rebuild_recent_list (RemoraFilterBar *self)
{
  GtkListBoxRow *old;

  /* Rows only: the placeholder is a child of the list too. */
  while ((old = gtk_list_box_get_row_at_index (self->recent_list, 0)) != NULL)
    gtk_list_box_remove (self->recent_list, GTK_WIDGET (old));

  for (guint i = 0; self->recent != NULL && self->recent[i] != NULL; i++)
    {
      GtkWidget *label = gtk_label_new (self->recent[i]);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 60);
      gtk_widget_add_css_class (label, "monospace");
      gtk_widget_set_tooltip_text (label, self->recent[i]);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "filter", g_strdup (self->recent[i]), g_free);
      gtk_list_box_append (self->recent_list, row);
    }
}

static void
on_recent_setting_changed (RemoraFilterBar *self,
                           const char      *key,
                           GSettings       *settings)
{
  g_strfreev (self->recent);
  self->recent = g_settings_get_strv (settings, RECENT_KEY);
  rebuild_recent_list (self);
}

/* The schema may not be installed (running from the build folder, or a
 * test): then recents live in memory for this run only. */
static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchemaKey) key = NULL;

  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL || !g_settings_schema_has_key (schema, RECENT_KEY))
    return NULL;
  key = g_settings_schema_get_key (schema, RECENT_KEY);
  if (!g_variant_type_equal (g_settings_schema_key_get_value_type (key), G_VARIANT_TYPE_STRING_ARRAY))
    return NULL;
  return g_settings_new_full (schema, NULL, NULL);
}

static void
remember_filter (RemoraFilterBar *self,
                 const char      *text)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) recent = NULL;
  guint n = 1;

  g_strv_builder_add (builder, text);
  for (guint i = 0; self->recent != NULL && self->recent[i] != NULL && n < MAX_RECENT; i++)
    if (!g_str_equal (self->recent[i], text))
      {
        g_strv_builder_add (builder, self->recent[i]);
        n++;
      }
  recent = g_strv_builder_end (builder);

  if (self->recent != NULL && g_strv_equal ((const char * const *) recent,
                                            (const char * const *) self->recent))
    return;

  if (self->settings != NULL)
    /* The changed signal refreshes this bar and every other window's. */
    g_settings_set_strv (self->settings, RECENT_KEY, (const char * const *) recent);
  else
    {
      g_strfreev (self->recent);
      self->recent = g_steal_pointer (&recent);
      rebuild_recent_list (self);
    }
}

const char * const *
remora_filter_bar_get_recent (RemoraFilterBar *self)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (REMORA_IS_FILTER_BAR (self), NULL);

  return self->recent != NULL ? (const char * const *) self->recent : none;
}

/* ---- applying ---- */

gboolean
remora_filter_bar_apply (RemoraFilterBar *self)
{
  g_autofree char *text = NULL;

  g_return_val_if_fail (REMORA_IS_FILTER_BAR (self), FALSE);

  remora_field_completion_hide (self->completion);
  if (self->state == REMORA_FILTER_STATE_INVALID)
    {
      /* The list stays as it is; the red entry and message say why. */
      gtk_widget_error_bell (GTK_WIDGET (self));
      return FALSE;
    }

  /* Applying runs the same pass over the capture; a count still to come
   * for this text would only do the work twice. */
  if (self->count_timeout != 0 || self->count_cancellable != NULL)
    {
      stop_count (self);
      gtk_widget_set_visible (GTK_WIDGET (self->count_label), FALSE);
    }

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry))));
  if (text[0] != '\0')
    remember_filter (self, text);
  g_signal_emit (self, signals [APPLY], 0, text);
  return TRUE;
}

static void
on_entry_activate (RemoraFilterBar *self,
                   GtkEntry        *entry)
{
  remora_filter_bar_apply (self);
}

static void
on_apply_clicked (RemoraFilterBar *self,
                  GtkButton       *button)
{
  remora_filter_bar_apply (self);
}

/* Clearing shows every packet again, as Wireshark's clear button does. */
static void
on_entry_icon_release (RemoraFilterBar      *self,
                       GtkEntryIconPosition  position,
                       GtkEntry             *entry)
{
  if (position != GTK_ENTRY_ICON_SECONDARY)
    return;
  remora_filter_bar_set_text (self, "");
  remora_filter_bar_apply (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
on_recent_row_activated (RemoraFilterBar *self,
                         GtkListBoxRow   *row,
                         GtkListBox      *list)
{
  g_autofree char *text = g_strdup (g_object_get_data (G_OBJECT (row), "filter"));

  gtk_menu_button_popdown (self->recent_button);
  if (text == NULL)
    return;
  remora_filter_bar_set_text (self, text);
  remora_filter_bar_apply (self);
}

static void
on_expression_clicked (RemoraFilterBar *self,
                       GtkButton       *button)
{
  g_signal_emit (self, signals [EXPRESSION_REQUESTED], 0);
}

/* ---- public ---- */

GtkWidget *
remora_filter_bar_new (void)
{
  return g_object_new (REMORA_TYPE_FILTER_BAR, NULL);
}

const char *
remora_filter_bar_get_text (RemoraFilterBar *self)
{
  g_return_val_if_fail (REMORA_IS_FILTER_BAR (self), NULL);

  return gtk_editable_get_text (GTK_EDITABLE (self->entry));
}

void
remora_filter_bar_set_text (RemoraFilterBar *self,
                            const char      *text)
{
  g_return_if_fail (REMORA_IS_FILTER_BAR (self));

  if (text == NULL)
    text = "";
  if (g_str_equal (text, gtk_editable_get_text (GTK_EDITABLE (self->entry))))
    return;

  remora_field_completion_freeze (self->completion);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), text);
  gtk_editable_set_position (GTK_EDITABLE (self->entry), -1);
  remora_field_completion_thaw (self->completion);
  remora_field_completion_hide (self->completion);
}

RemoraFilterState
remora_filter_bar_get_state (RemoraFilterBar *self)
{
  g_return_val_if_fail (REMORA_IS_FILTER_BAR (self), REMORA_FILTER_STATE_EMPTY);

  return self->state;
}

const char *
remora_filter_bar_get_message (RemoraFilterBar *self)
{
  g_return_val_if_fail (REMORA_IS_FILTER_BAR (self), NULL);

  return self->message;
}

void
remora_filter_bar_focus (RemoraFilterBar *self)
{
  g_return_if_fail (REMORA_IS_FILTER_BAR (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_select_region (GTK_EDITABLE (self->entry), 0, -1);
}

GtkEntry *
remora_filter_bar_get_entry (RemoraFilterBar *self)
{
  g_return_val_if_fail (REMORA_IS_FILTER_BAR (self), NULL);

  return self->entry;
}

RemoraFieldCompletion *
remora_filter_bar_get_completion (RemoraFilterBar *self)
{
  g_return_val_if_fail (REMORA_IS_FILTER_BAR (self), NULL);

  return self->completion;
}

/* ---- object ---- */

static gboolean
remora_filter_bar_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (REMORA_FILTER_BAR (widget)->entry));
}

static void
remora_filter_bar_dispose (GObject *object)
{
  RemoraFilterBar *self = REMORA_FILTER_BAR (object);

  stop_count (self);
  g_clear_object (&self->owner);
  /* Its popover hangs off the entry: it goes before the template. */
  g_clear_object (&self->completion);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_func (self->settings, on_recent_setting_changed, self);
  g_clear_object (&self->settings);

  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_FILTER_BAR);

  G_OBJECT_CLASS (remora_filter_bar_parent_class)->dispose (object);
}

static void
remora_filter_bar_finalize (GObject *object)
{
  RemoraFilterBar *self = REMORA_FILTER_BAR (object);

  g_free (self->message);
  g_strfreev (self->recent);

  G_OBJECT_CLASS (remora_filter_bar_parent_class)->finalize (object);
}

static void
remora_filter_bar_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  RemoraFilterBar *self = REMORA_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      g_value_set_string (value, remora_filter_bar_get_text (self));
      break;

    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;

    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;

    case PROP_MATCH_COUNT:
      g_value_set_int (value, self->match_count);
      break;

    case PROP_SHOW_EXPRESSION_BUTTON:
      g_value_set_boolean (value, gtk_widget_get_visible (GTK_WIDGET (self->expression_button)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_filter_bar_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  RemoraFilterBar *self = REMORA_FILTER_BAR (object);

  switch (prop_id)
    {
    case PROP_TEXT:
      remora_filter_bar_set_text (self, g_value_get_string (value));
      break;

    case PROP_SHOW_EXPRESSION_BUTTON:
      if (gtk_widget_get_visible (GTK_WIDGET (self->expression_button)) != g_value_get_boolean (value))
        {
          gtk_widget_set_visible (GTK_WIDGET (self->expression_button), g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_filter_bar_class_init (RemoraFilterBarClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_filter_bar_dispose;
  object_class->finalize = remora_filter_bar_finalize;
  object_class->get_property = remora_filter_bar_get_property;
  object_class->set_property = remora_filter_bar_set_property;

  widget_class->grab_focus = remora_filter_bar_grab_focus;

  properties [PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL,
                         "",
                         (G_PARAM_READWRITE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL,
                       REMORA_TYPE_FILTER_STATE,
                       REMORA_FILTER_STATE_EMPTY,
                       (G_PARAM_READABLE |
                        G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  properties [PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL,
                         NULL,
                         (G_PARAM_READABLE |
                          G_PARAM_EXPLICIT_NOTIFY |
                          G_PARAM_STATIC_STRINGS));

  properties [PROP_MATCH_COUNT] =
    g_param_spec_int ("match-count", NULL, NULL,
                      -1, G_MAXINT, -1,
                      (G_PARAM_READABLE |
                       G_PARAM_EXPLICIT_NOTIFY |
                       G_PARAM_STATIC_STRINGS));

  /* A window without an expression builder yet hides the button rather
   * than offer one that does nothing. */
  properties [PROP_SHOW_EXPRESSION_BUTTON] =
    g_param_spec_boolean ("show-expression-button", NULL, NULL,
                          TRUE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [APPLY] =
    g_signal_new ("apply",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  signals [EXPRESSION_REQUESTED] =
    g_signal_new ("expression-requested",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, "/org/remora/Remora/remora-filter-bar.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterBar, entry);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterBar, message_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterBar, count_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterBar, apply_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterBar, recent_button);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterBar, recent_list);
  gtk_widget_class_bind_template_child (widget_class, RemoraFilterBar, expression_button);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_icon_release);
  gtk_widget_class_bind_template_callback (widget_class, on_apply_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_recent_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_expression_clicked);

  gtk_widget_class_set_css_name (widget_class, "filterbar");
}

static void
remora_filter_bar_init (RemoraFilterBar *self)
{
  GtkWidget *placeholder;

  self->match_count = -1;
  /* The compiler resolves names against the registry, which may not be
   * filled yet when no capture has been opened. */
  remora_dissectors_init ();

  gtk_widget_init_template (GTK_WIDGET (self));
  remora_ui_ensure_css (GTK_WIDGET (self), "/org/remora/Remora/remora-filter-bar.css");

  self->completion = remora_field_completion_new (self->entry);

  placeholder = gtk_label_new (_("No recent filters"));
  gtk_widget_add_css_class (placeholder, "dim-label");
  gtk_widget_set_margin_top (placeholder, 12);
  gtk_widget_set_margin_bottom (placeholder, 12);
  gtk_list_box_set_placeholder (self->recent_list, placeholder);

  self->settings = settings_new_if_installed ();
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::" RECENT_KEY,
                               G_CALLBACK (on_recent_setting_changed), self,
                               G_CONNECT_SWAPPED);
      self->recent = g_settings_get_strv (self->settings, RECENT_KEY);
    }
  rebuild_recent_list (self);
  revalidate (self);
}
