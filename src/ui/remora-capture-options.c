/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-capture-options"

#include "config.h"

#include "remora-capture-options.h"

#include <glib/gi18n.h>
#include <pcap/pcap.h>
#include <string.h>

#include "remora-interface-cells.h"
#include "remora-interface-item.h"
#include "remora-sparkline.h"

/* Model stack:
 *   GListStore of RemoraInterfaceItem (helper order, sampled every second)
 *     -> GtkNoSelection -> GtkColumnView
 * What the user set per interface lives in RowState, keyed by name and
 * kept for the life of the process and in GSettings (when the schema is
 * installed), so recycled cells, a reopened dialog and the next run of
 * the application show the same choices. */

#define SCHEMA_ID        "org.remora.Remora"
#define DEFAULT_SNAPLEN  262144
#define DEFAULT_BUFFER   2
#define ROW_NAME_KEY     "remora-interface-name"

typedef struct {
  gboolean  capture;
  gboolean  promiscuous;
  guint     snaplen;
  guint     buffer_mib;
  char     *filter;
} RowState;

/* Everything the dialog remembers between openings. */
typedef struct {
  GHashTable *rows;               /* name -> RowState */
  gboolean    promisc_all;
  gboolean    update_list;
  gboolean    auto_scroll;
  gboolean    stop_packets_on;
  double      stop_packets;
  gboolean    stop_duration_on;
  double      stop_duration;
  gboolean    stop_filesize_on;
  double      stop_filesize;
  char       *output;
  gboolean    ring_size_on;
  double      ring_size;
  gboolean    ring_files_on;
  double      ring_files;
} Remembered;

struct _RemoraCaptureOptions {
  GtkWindow           parent_instance;

  GtkColumnView      *view;
  GtkCheckButton     *promisc_all;
  GtkCheckButton     *update_list;
  GtkCheckButton     *auto_scroll;
  GtkCheckButton     *stop_packets_check;
  GtkSpinButton      *stop_packets;
  GtkCheckButton     *stop_duration_check;
  GtkSpinButton      *stop_duration;
  GtkCheckButton     *stop_filesize_check;
  GtkSpinButton      *stop_filesize;
  GtkEntry           *output;
  GtkButton          *browse;
  GtkCheckButton     *ring_size_check;
  GtkSpinButton      *ring_size;
  GtkCheckButton     *ring_files_check;
  GtkSpinButton      *ring_files;
  GtkLabel           *ring_hint;
  GtkButton          *close_button;
  GtkButton          *start_button;

  GSettings          *settings;     /* NULL without the schema */
  GListStore         *store;
  GCancellable       *cancellable;
  guint               tick_id;
  GPtrArray          *promisc_checks; /* live cells of the Prom. Mode column (weak) */
  guint               updating;
  GtkFileChooserNative *chooser;
};

enum {
  SIGNAL_START_CAPTURE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
static Remembered remembered;

static GSettings *capture_settings (void);
static void       remembered_load  (Remembered *mem,
                                    GSettings  *settings);

G_DEFINE_FINAL_TYPE (RemoraCaptureOptions, remora_capture_options, GTK_TYPE_WINDOW)

static void
row_state_free (gpointer data)
{
  RowState *row = data;

  g_free (row->filter);
  g_free (row);
}

static Remembered *
get_remembered (void)
{
  if (remembered.rows == NULL)
    {
      remembered.rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, row_state_free);
      remembered.promisc_all = TRUE;
      remembered.update_list = TRUE;
      remembered.auto_scroll = TRUE;
      remembered.stop_packets = 1000;
      remembered.stop_duration = 60;
      remembered.stop_filesize = 1000;
      remembered.ring_size = 100000;
      remembered.ring_files = 2;
      if (capture_settings () != NULL)
        remembered_load (&remembered, capture_settings ());
    }
  return &remembered;
}

static RowState *
row_for (RemoraCaptureOptions *self,
         const char           *name)
{
  Remembered *mem = get_remembered ();
  RowState *row = g_hash_table_lookup (mem->rows, name);

  if (row == NULL)
    {
      row = g_new0 (RowState, 1);
      row->promiscuous = TRUE;
      row->snaplen = DEFAULT_SNAPLEN;
      row->buffer_mib = DEFAULT_BUFFER;
      if (capture_settings () != NULL)
        {
          GSettings *settings = capture_settings ();
          g_autoptr(GVariant) map = g_settings_get_value (settings, "capture-interface-promiscuous");
          g_autoptr(GVariant) snaplens = g_settings_get_value (settings, "capture-interface-snaplen");
          g_autoptr(GVariant) buffers = g_settings_get_value (settings, "capture-interface-buffer");
          g_autoptr(GVariant) filters = g_settings_get_value (settings, "capture-interface-filter");
          g_auto(GStrv) ticked = g_settings_get_strv (settings, "capture-interfaces");
          guint value;

          g_variant_lookup (map, name, "b", &row->promiscuous);
          /* Out-of-range values (edited by hand) fall back to the defaults. */
          if (g_variant_lookup (snaplens, name, "u", &value) && value >= 1 && value <= DEFAULT_SNAPLEN)
            row->snaplen = value;
          if (g_variant_lookup (buffers, name, "u", &value) && value >= 1 && value <= 4096)
            row->buffer_mib = value;
          g_variant_lookup (filters, name, "s", &row->filter);
          row->capture = g_strv_contains ((const char * const *) ticked, name);
        }
      g_hash_table_insert (mem->rows, g_strdup (name), row);
    }
  return row;
}

/* ---- settings ---- */

static GSettings *
settings_new_if_installed (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  static const char * const keys[] = {
    "capture-promiscuous-all", "capture-interface-promiscuous",
    "capture-update-list", "capture-auto-scroll",
    "capture-interfaces", "capture-interface-snaplen", "capture-interface-buffer",
    "capture-interface-filter", "capture-stop-packets-enabled", "capture-stop-packets",
    "capture-stop-duration-enabled", "capture-stop-duration",
    "capture-stop-filesize-enabled", "capture-stop-filesize", "capture-output",
    "capture-ring-filesize-enabled", "capture-ring-filesize",
    "capture-ring-files-enabled", "capture-ring-files",
  };

  /* Without the schema (an uninstalled build, a test) GSettings would
   * abort: keep the values in memory instead. */
  if (source == NULL)
    return NULL;
  schema = g_settings_schema_source_lookup (source, SCHEMA_ID, TRUE);
  if (schema == NULL)
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    if (!g_settings_schema_has_key (schema, keys[i]))
      return NULL;
  return g_settings_new (SCHEMA_ID);
}

/* One for the process: the dialog and Start without it share it. */
static GSettings *
capture_settings (void)
{
  static GSettings *settings;
  static gboolean looked;

  if (!looked)
    {
      looked = TRUE;
      settings = settings_new_if_installed ();
    }
  return settings;
}

static void
remembered_load (Remembered *mem,
                 GSettings  *settings)
{
  g_autofree char *output = g_settings_get_string (settings, "capture-output");

  mem->promisc_all = g_settings_get_boolean (settings, "capture-promiscuous-all");
  mem->update_list = g_settings_get_boolean (settings, "capture-update-list");
  mem->auto_scroll = g_settings_get_boolean (settings, "capture-auto-scroll");
  mem->stop_packets_on = g_settings_get_boolean (settings, "capture-stop-packets-enabled");
  mem->stop_packets = (double) g_settings_get_uint64 (settings, "capture-stop-packets");
  mem->stop_duration_on = g_settings_get_boolean (settings, "capture-stop-duration-enabled");
  mem->stop_duration = g_settings_get_double (settings, "capture-stop-duration");
  mem->stop_filesize_on = g_settings_get_boolean (settings, "capture-stop-filesize-enabled");
  mem->stop_filesize = (double) g_settings_get_uint64 (settings, "capture-stop-filesize");
  g_free (mem->output);
  mem->output = g_steal_pointer (&output);
  mem->ring_size_on = g_settings_get_boolean (settings, "capture-ring-filesize-enabled");
  mem->ring_size = (double) g_settings_get_uint64 (settings, "capture-ring-filesize");
  mem->ring_files_on = g_settings_get_boolean (settings, "capture-ring-files-enabled");
  mem->ring_files = g_settings_get_uint (settings, "capture-ring-files");
}

static void
remembered_save (const Remembered *mem,
                 GSettings        *settings)
{
  g_settings_delay (settings);
  g_settings_set_boolean (settings, "capture-update-list", mem->update_list);
  g_settings_set_boolean (settings, "capture-auto-scroll", mem->auto_scroll);
  g_settings_set_boolean (settings, "capture-stop-packets-enabled", mem->stop_packets_on);
  g_settings_set_uint64 (settings, "capture-stop-packets", (guint64) mem->stop_packets);
  g_settings_set_boolean (settings, "capture-stop-duration-enabled", mem->stop_duration_on);
  g_settings_set_double (settings, "capture-stop-duration", mem->stop_duration);
  g_settings_set_boolean (settings, "capture-stop-filesize-enabled", mem->stop_filesize_on);
  g_settings_set_uint64 (settings, "capture-stop-filesize", (guint64) mem->stop_filesize);
  g_settings_set_string (settings, "capture-output", mem->output != NULL ? mem->output : "");
  g_settings_set_boolean (settings, "capture-ring-filesize-enabled", mem->ring_size_on);
  g_settings_set_uint64 (settings, "capture-ring-filesize", (guint64) mem->ring_size);
  g_settings_set_boolean (settings, "capture-ring-files-enabled", mem->ring_files_on);
  g_settings_set_uint (settings, "capture-ring-files", (guint) mem->ring_files);
  g_settings_apply (settings);
}

/* Sets NAME's entry of the dictionary KEY (a{s?}) to VALUE, keeping the
 * other interfaces' entries. */
static void
save_interface_value (const char *key,
                      const char *name,
                      GVariant   *value)
{
  GSettings *settings = capture_settings ();
  g_autoptr(GVariant) old = NULL;
  g_autoptr(GVariant) sink = g_variant_ref_sink (value);
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *entry;

  if (settings == NULL)
    return;
  old = g_settings_get_value (settings, key);
  g_variant_builder_init (&builder, g_variant_get_type (old));
  g_variant_iter_init (&iter, old);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) entry_key = g_variant_get_child_value (entry, 0);

      if (strcmp (g_variant_get_string (entry_key, NULL), name) != 0)
        g_variant_builder_add_value (&builder, entry);
      g_variant_unref (entry);
    }
  g_variant_builder_add_value (&builder, g_variant_new_dict_entry (g_variant_new_string (name), sink));
  g_settings_set_value (settings, key, g_variant_builder_end (&builder));
}

/* The ticked interfaces: those known now, and those ticked before that
 * the helper has not listed in this run (unplugged, say). */
static void
save_capture_names (void)
{
  GSettings *settings = capture_settings ();
  g_auto(GStrv) old = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;
  g_auto(GStrv) names = NULL;
  GHashTableIter iter;
  const char *name;
  RowState *row;

  if (settings == NULL)
    return;
  builder = g_strv_builder_new ();
  old = g_settings_get_strv (settings, "capture-interfaces");
  for (guint i = 0; old[i] != NULL; i++)
    if (!g_hash_table_contains (get_remembered ()->rows, old[i]))
      g_strv_builder_add (builder, old[i]);
  g_hash_table_iter_init (&iter, get_remembered ()->rows);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &row))
    if (row->capture)
      g_strv_builder_add (builder, name);
  names = g_strv_builder_end (builder);
  g_settings_set_strv (settings, "capture-interfaces", (const char * const *) names);
}

static void
save_interface_promiscuous (RemoraCaptureOptions *self,
                            const char           *name,
                            gboolean              promiscuous)
{
  save_interface_value ("capture-interface-promiscuous", name, g_variant_new_boolean (promiscuous));
}

/* ---- the Prom. Mode column and the global switch ---- */

static void
show_promisc_check (RemoraCaptureOptions *self,
                    GtkCheckButton       *check)
{
  const char *name = g_object_get_data (G_OBJECT (check), ROW_NAME_KEY);
  gboolean all = gtk_check_button_get_active (self->promisc_all);

  if (name == NULL)
    return;
  self->updating++;
  /* As in Wireshark: the global switch overrides the column, which then
   * shows every interface promiscuous and cannot be changed. */
  gtk_widget_set_sensitive (GTK_WIDGET (check), !all);
  gtk_check_button_set_active (check, all || row_for (self, name)->promiscuous);
  self->updating--;
}

static void
on_promisc_toggled (GtkCheckButton       *check,
                    RemoraCaptureOptions *self)
{
  const char *name = g_object_get_data (G_OBJECT (check), ROW_NAME_KEY);
  RowState *row;

  if (self->updating > 0 || name == NULL || gtk_check_button_get_active (self->promisc_all))
    return;
  row = row_for (self, name);
  row->promiscuous = gtk_check_button_get_active (check);
  save_interface_promiscuous (self, name, row->promiscuous);
}

static void
on_promisc_all_toggled (GtkCheckButton       *button,
                        RemoraCaptureOptions *self)
{
  gboolean all = gtk_check_button_get_active (button);

  get_remembered ()->promisc_all = all;
  if (self->settings != NULL)
    g_settings_set_boolean (self->settings, "capture-promiscuous-all", all);
  for (guint i = 0; i < self->promisc_checks->len; i++)
    show_promisc_check (self, g_ptr_array_index (self->promisc_checks, i));
}

static void
forget_promisc_check (gpointer  data,
                      GObject  *where_the_object_was)
{
  RemoraCaptureOptions *self = data;

  g_ptr_array_remove_fast (self->promisc_checks, where_the_object_was);
}

/* ---- the other editable columns ---- */

typedef enum {
  COLUMN_CAPTURE,
  COLUMN_PROMISC,
  COLUMN_SNAPLEN,
  COLUMN_BUFFER,
  COLUMN_FILTER,
} EditColumn;

typedef struct {
  RemoraCaptureOptions *self;
  EditColumn            column;
} ColumnData;

static void update_start_sensitivity (RemoraCaptureOptions *self);

static void
on_capture_toggled (GtkCheckButton       *check,
                    RemoraCaptureOptions *self)
{
  const char *name = g_object_get_data (G_OBJECT (check), ROW_NAME_KEY);

  if (self->updating > 0 || name == NULL)
    return;
  row_for (self, name)->capture = gtk_check_button_get_active (check);
  save_capture_names ();
  update_start_sensitivity (self);
}

static void
on_spin_changed (GtkSpinButton        *spin,
                 RemoraCaptureOptions *self)
{
  const char *name = g_object_get_data (G_OBJECT (spin), ROW_NAME_KEY);
  RowState *row;

  if (self->updating > 0 || name == NULL)
    return;
  row = row_for (self, name);
  if (gtk_widget_has_css_class (GTK_WIDGET (spin), "snaplen"))
    {
      row->snaplen = (guint) gtk_spin_button_get_value_as_int (spin);
      save_interface_value ("capture-interface-snaplen", name, g_variant_new_uint32 (row->snaplen));
    }
  else
    {
      row->buffer_mib = (guint) gtk_spin_button_get_value_as_int (spin);
      save_interface_value ("capture-interface-buffer", name, g_variant_new_uint32 (row->buffer_mib));
    }
}

static int
dlt_for_linktype (int link_type)
{
  /* LINKTYPE_* equals DLT_* but for a few; RAW is the one capture gives. */
  if (link_type == 101)
    return DLT_RAW;
  if (link_type < 0)
    return DLT_EN10MB;
  return link_type;
}

gboolean
remora_capture_filter_check (const char  *filter,
                             int          link_type,
                             char       **message)
{
  struct bpf_program program;
  pcap_t *dead;
  gboolean ok;

  g_return_val_if_fail (filter != NULL, FALSE);

  dead = pcap_open_dead (dlt_for_linktype (link_type), DEFAULT_SNAPLEN);
  if (dead == NULL)
    return TRUE;    /* cannot tell: the helper checks it again */
  ok = pcap_compile (dead, &program, filter, 1, PCAP_NETMASK_UNKNOWN) == 0;
  if (ok)
    pcap_freecode (&program);
  else if (message != NULL)
    *message = g_strdup (pcap_geterr (dead));
  pcap_close (dead);
  return ok;
}

static void
check_filter_entry (GtkEditable *entry,
                    int          link_type)
{
  const char *text = gtk_editable_get_text (entry);
  g_autofree char *message = NULL;

  gtk_widget_remove_css_class (GTK_WIDGET (entry), "filter-valid");
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "filter-invalid");
  gtk_widget_set_tooltip_text (GTK_WIDGET (entry), _("A capture filter in libpcap syntax, e.g. tcp port 80"));
  if (text[0] == '\0')
    return;
  if (remora_capture_filter_check (text, link_type, &message))
    gtk_widget_add_css_class (GTK_WIDGET (entry), "filter-valid");
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "filter-invalid");
      gtk_widget_set_tooltip_text (GTK_WIDGET (entry), message);
    }
}

static void
on_filter_changed (GtkEditable          *entry,
                   RemoraCaptureOptions *self)
{
  const char *name = g_object_get_data (G_OBJECT (entry), ROW_NAME_KEY);
  RowState *row;

  if (name == NULL)
    return;
  check_filter_entry (entry, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (entry), "link-type")));
  if (self->updating > 0)
    return;
  row = row_for (self, name);
  g_free (row->filter);
  row->filter = g_strdup (gtk_editable_get_text (entry));
  save_interface_value ("capture-interface-filter", name, g_variant_new_string (row->filter));
  update_start_sensitivity (self);
}

static void
setup_edit (GtkSignalListItemFactory *factory,
            GtkListItem              *list_item,
            ColumnData               *data)
{
  RemoraCaptureOptions *self = data->self;
  GtkWidget *child = NULL;

  switch (data->column)
    {
    case COLUMN_CAPTURE:
      child = gtk_check_button_new ();
      gtk_widget_add_css_class (child, "capture-check");
      gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
      g_signal_connect (child, "toggled", G_CALLBACK (on_capture_toggled), self);
      break;
    case COLUMN_PROMISC:
      child = gtk_check_button_new ();
      gtk_widget_add_css_class (child, "promisc-check");
      gtk_widget_set_halign (child, GTK_ALIGN_CENTER);
      g_signal_connect (child, "toggled", G_CALLBACK (on_promisc_toggled), self);
      g_ptr_array_add (self->promisc_checks, child);
      g_object_weak_ref (G_OBJECT (child), forget_promisc_check, self);
      break;
    case COLUMN_SNAPLEN:
      child = gtk_spin_button_new_with_range (1, DEFAULT_SNAPLEN, 1);
      gtk_editable_set_width_chars (GTK_EDITABLE (child), 6);
      gtk_widget_add_css_class (child, "snaplen");
      gtk_widget_set_tooltip_text (child, _("Bytes kept of each packet"));
      g_signal_connect (child, "value-changed", G_CALLBACK (on_spin_changed), self);
      break;
    case COLUMN_BUFFER:
      child = gtk_spin_button_new_with_range (1, 4096, 1);
      gtk_editable_set_width_chars (GTK_EDITABLE (child), 4);
      gtk_widget_add_css_class (child, "buffer");
      gtk_widget_set_tooltip_text (child, _("Kernel buffer size in MiB"));
      g_signal_connect (child, "value-changed", G_CALLBACK (on_spin_changed), self);
      break;
    case COLUMN_FILTER:
      child = gtk_entry_new ();
      gtk_widget_add_css_class (child, "capture-filter");
      gtk_entry_set_placeholder_text (GTK_ENTRY (child), _("No capture filter"));
      g_signal_connect (child, "changed", G_CALLBACK (on_filter_changed), self);
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_widget_set_valign (child, GTK_ALIGN_CENTER);
  gtk_list_item_set_child (list_item, child);
}

static void
bind_edit (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           ColumnData               *data)
{
  RemoraCaptureOptions *self = data->self;
  RemoraInterfaceItem *item = gtk_list_item_get_item (list_item);
  const RemoraInterfaceInfo *info = remora_interface_item_get_info (item);
  GtkWidget *child = gtk_list_item_get_child (list_item);
  RowState *row = row_for (self, info->name);

  g_object_set_data_full (G_OBJECT (child), ROW_NAME_KEY, g_strdup (info->name), g_free);
  self->updating++;
  switch (data->column)
    {
    case COLUMN_CAPTURE:
      gtk_check_button_set_active (GTK_CHECK_BUTTON (child), row->capture);
      break;
    case COLUMN_PROMISC:
      show_promisc_check (self, GTK_CHECK_BUTTON (child));
      break;
    case COLUMN_SNAPLEN:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (child), row->snaplen);
      break;
    case COLUMN_BUFFER:
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (child), row->buffer_mib);
      break;
    case COLUMN_FILTER:
      g_object_set_data (G_OBJECT (child), "link-type", GINT_TO_POINTER (info->link_type));
      gtk_editable_set_text (GTK_EDITABLE (child), row->filter != NULL ? row->filter : "");
      check_filter_entry (GTK_EDITABLE (child), info->link_type);
      break;
    default:
      g_assert_not_reached ();
    }
  self->updating--;
}

static void
unbind_edit (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             ColumnData               *data)
{
  g_object_set_data (G_OBJECT (gtk_list_item_get_child (list_item)), ROW_NAME_KEY, NULL);
}

static GtkColumnViewColumn *
edit_column_new (RemoraCaptureOptions *self,
                 EditColumn            column,
                 const char           *title)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  ColumnData *data = g_new0 (ColumnData, 1);
  GtkColumnViewColumn *view_column;

  data->self = self;
  data->column = column;
  g_signal_connect_data (factory, "setup", G_CALLBACK (setup_edit), data,
                         (GClosureNotify) (void (*) (void)) g_free, 0);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_edit), data);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_edit), data);
  view_column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_resizable (view_column, TRUE);
  if (column == COLUMN_FILTER)
    gtk_column_view_column_set_expand (view_column, TRUE);
  return view_column;
}

/* ---- the request ---- */

static gboolean
all_filters_valid (RemoraCaptureOptions *self,
                   guint                *n_capture)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  gboolean ok = TRUE;

  *n_capture = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RemoraInterfaceItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      const RemoraInterfaceInfo *info = remora_interface_item_get_info (item);
      RowState *row = row_for (self, info->name);

      if (!row->capture)
        continue;
      (*n_capture)++;
      if (row->filter != NULL && row->filter[0] != '\0' &&
          !remora_capture_filter_check (row->filter, info->link_type, NULL))
        ok = FALSE;
    }
  return ok;
}

static void
update_start_sensitivity (RemoraCaptureOptions *self)
{
  guint n_capture;
  gboolean valid = all_filters_valid (self, &n_capture);

  gtk_widget_set_sensitive (GTK_WIDGET (self->start_button), valid && n_capture > 0);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->start_button),
                               n_capture == 0 ? _("Tick the interfaces to capture on")
                               : !valid ? _("A capture filter is not valid")
                               : NULL);
}

static void
update_ring_sensitivity (RemoraCaptureOptions *self)
{
  gboolean file = gtk_entry_get_text_length (self->output) > 0;

  /* The helper writes a ring buffer only to files. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->ring_size_check), file);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ring_files_check), file);
  gtk_widget_set_sensitive (GTK_WIDGET (self->ring_size),
                            file && gtk_check_button_get_active (self->ring_size_check));
  gtk_widget_set_sensitive (GTK_WIDGET (self->ring_files),
                            file && gtk_check_button_get_active (self->ring_size_check) &&
                            gtk_check_button_get_active (self->ring_files_check));
  gtk_widget_set_visible (GTK_WIDGET (self->ring_hint), !file);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_packets),
                            gtk_check_button_get_active (self->stop_packets_check));
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_duration),
                            gtk_check_button_get_active (self->stop_duration_check));
  gtk_widget_set_sensitive (GTK_WIDGET (self->stop_filesize),
                            gtk_check_button_get_active (self->stop_filesize_check));
}

/* Keeps the lower half in memory for the next opening. */
static void
remember_lower_half (RemoraCaptureOptions *self)
{
  Remembered *mem = get_remembered ();

  mem->update_list = gtk_check_button_get_active (self->update_list);
  mem->auto_scroll = gtk_check_button_get_active (self->auto_scroll);
  mem->stop_packets_on = gtk_check_button_get_active (self->stop_packets_check);
  mem->stop_packets = gtk_spin_button_get_value (self->stop_packets);
  mem->stop_duration_on = gtk_check_button_get_active (self->stop_duration_check);
  mem->stop_duration = gtk_spin_button_get_value (self->stop_duration);
  mem->stop_filesize_on = gtk_check_button_get_active (self->stop_filesize_check);
  mem->stop_filesize = gtk_spin_button_get_value (self->stop_filesize);
  g_free (mem->output);
  mem->output = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->output)));
  mem->ring_size_on = gtk_check_button_get_active (self->ring_size_check);
  mem->ring_size = gtk_spin_button_get_value (self->ring_size);
  mem->ring_files_on = gtk_check_button_get_active (self->ring_files_check);
  mem->ring_files = gtk_spin_button_get_value (self->ring_files);
  if (self->settings != NULL)
    remembered_save (mem, self->settings);
}

static void
on_lower_half_changed (RemoraCaptureOptions *self)
{
  if (self->updating > 0)
    return;
  update_ring_sensitivity (self);
  remember_lower_half (self);
}

/* A request with the remembered settings and no interface yet. */
static RemoraCaptureRequest *
request_new_remembered (void)
{
  Remembered *mem = get_remembered ();
  RemoraCaptureRequest *request = remora_capture_request_new ();

  request->promiscuous_all = mem->promisc_all;
  request->update_list = mem->update_list;
  request->auto_scroll = mem->auto_scroll;
  if (mem->stop_packets_on)
    request->stop_packets = (guint64) mem->stop_packets;
  if (mem->stop_duration_on)
    request->stop_duration = mem->stop_duration;
  if (mem->stop_filesize_on)
    request->stop_filesize_kb = (guint64) mem->stop_filesize;
  if (mem->output != NULL && mem->output[0] != '\0')
    {
      request->output = g_strdup (mem->output);
      if (mem->ring_size_on)
        {
          request->ring_filesize_kb = (guint64) mem->ring_size;
          if (mem->ring_files_on)
            request->ring_files = (guint) mem->ring_files;
        }
    }
  return request;
}

static void
request_add_row (RemoraCaptureRequest *request,
                 const char           *name,
                 const RowState       *row)
{
  RemoraCaptureRequestIface *iface = remora_capture_request_add_interface (request, name);

  iface->promiscuous = row->promiscuous;
  /* The helper's defaults are left to the helper. */
  iface->snaplen = row->snaplen != DEFAULT_SNAPLEN ? row->snaplen : 0;
  iface->buffer_mib = row->buffer_mib != DEFAULT_BUFFER ? row->buffer_mib : 0;
  iface->filter = row->filter != NULL && row->filter[0] != '\0' ? g_strdup (row->filter) : NULL;
}

RemoraCaptureRequest *
remora_capture_options_dup_request (RemoraCaptureOptions *self)
{
  RemoraCaptureRequest *request;
  guint n;

  g_return_val_if_fail (REMORA_IS_CAPTURE_OPTIONS (self), NULL);

  /* The lower half's widgets write through to the remembered values. */
  remember_lower_half (self);
  request = request_new_remembered ();
  request->promiscuous_all = gtk_check_button_get_active (self->promisc_all);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->store));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RemoraInterfaceItem) item = g_list_model_get_item (G_LIST_MODEL (self->store), i);
      RowState *row = row_for (self, remora_interface_item_get_name (item));

      if (row->capture)
        request_add_row (request, remora_interface_item_get_name (item), row);
    }
  return request;
}

RemoraCaptureRequest *
remora_capture_options_dup_saved_request (const char * const *names)
{
  g_autoptr(RemoraCaptureRequest) request = request_new_remembered ();
  g_auto(GStrv) ticked = NULL;

  if (names == NULL || names[0] == NULL)
    {
      GSettings *settings = capture_settings ();
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
      GHashTableIter iter;
      const char *name;
      RowState *row;

      if (settings != NULL)
        ticked = g_settings_get_strv (settings, "capture-interfaces");
      else
        {
          g_hash_table_iter_init (&iter, get_remembered ()->rows);
          while (g_hash_table_iter_next (&iter, (gpointer *) &name, (gpointer *) &row))
            if (row->capture)
              g_strv_builder_add (builder, name);
          ticked = g_strv_builder_end (builder);
        }
      names = (const char * const *) ticked;
    }
  for (guint i = 0; names[i] != NULL; i++)
    request_add_row (request, names[i], row_for (NULL, names[i]));
  if (request->interfaces->len == 0)
    return NULL;
  return g_steal_pointer (&request);
}

void
remora_capture_options_set_capture_names (RemoraCaptureOptions *self,
                                          const char * const   *names)
{
  GHashTableIter iter;
  RowState *row;
  GtkSelectionModel *model;

  g_return_if_fail (REMORA_IS_CAPTURE_OPTIONS (self));

  g_hash_table_iter_init (&iter, get_remembered ()->rows);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &row))
    row->capture = FALSE;
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    row_for (self, names[i])->capture = TRUE;
  save_capture_names ();

  /* Rebind the visible rows so their checks show it. */
  model = gtk_column_view_get_model (self->view);
  g_object_ref (model);
  gtk_column_view_set_model (self->view, NULL);
  gtk_column_view_set_model (self->view, model);
  g_object_unref (model);
  update_start_sensitivity (self);
}

static void
on_start_clicked (GtkButton            *button,
                  RemoraCaptureOptions *self)
{
  g_autoptr(RemoraCaptureRequest) request = NULL;

  remember_lower_half (self);
  request = remora_capture_options_dup_request (self);
  if (request->interfaces->len > 0)
    g_signal_emit (self, signals[SIGNAL_START_CAPTURE], 0, request);
}

static void
on_close_clicked (GtkButton            *button,
                  RemoraCaptureOptions *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_chooser_response (GtkNativeDialog      *chooser,
                     int                   response,
                     RemoraCaptureOptions *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        gtk_editable_set_text (GTK_EDITABLE (self->output), path);
    }
  g_clear_object (&self->chooser);
}

static void
on_browse_clicked (GtkButton            *button,
                   RemoraCaptureOptions *self)
{
  if (self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Capture to File"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE,
                                               _("_Save"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), "capture.pcapng");
  g_signal_connect (self->chooser, "response", G_CALLBACK (on_chooser_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static gboolean
on_tick (gpointer user_data)
{
  RemoraCaptureOptions *self = user_data;

  remora_interface_store_sample (G_LIST_MODEL (self->store));
  return G_SOURCE_CONTINUE;
}

static void
on_loaded (GListStore *store,
           const char *helper_problem,
           gpointer    user_data)
{
  update_start_sensitivity (user_data);
}

static void
remora_capture_options_map (GtkWidget *widget)
{
  RemoraCaptureOptions *self = REMORA_CAPTURE_OPTIONS (widget);

  GTK_WIDGET_CLASS (remora_capture_options_parent_class)->map (widget);
  if (self->tick_id == 0)
    self->tick_id = g_timeout_add_seconds (1, on_tick, self);
}

static void
remora_capture_options_unmap (GtkWidget *widget)
{
  RemoraCaptureOptions *self = REMORA_CAPTURE_OPTIONS (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);
  GTK_WIDGET_CLASS (remora_capture_options_parent_class)->unmap (widget);
}

static void
remora_capture_options_dispose (GObject *object)
{
  RemoraCaptureOptions *self = REMORA_CAPTURE_OPTIONS (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (self->chooser != NULL)
    {
      gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
      g_clear_object (&self->chooser);
    }
  if (self->view != NULL)
    gtk_column_view_set_model (self->view, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_CAPTURE_OPTIONS);
  if (self->promisc_checks != NULL)
    {
      for (guint i = 0; i < self->promisc_checks->len; i++)
        g_object_weak_unref (g_ptr_array_index (self->promisc_checks, i), forget_promisc_check, self);
      g_clear_pointer (&self->promisc_checks, g_ptr_array_unref);
    }
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (remora_capture_options_parent_class)->dispose (object);
}

static void
remora_capture_options_class_init (RemoraCaptureOptionsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_capture_options_dispose;
  widget_class->map = remora_capture_options_map;
  widget_class->unmap = remora_capture_options_unmap;

  /* RemoraCaptureRequest *: what to capture. */
  signals[SIGNAL_START_CAPTURE] =
    g_signal_new ("start-capture", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, REMORA_TYPE_CAPTURE_REQUEST);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/remora/Remora/remora-capture-options.ui");
#define BIND(name) gtk_widget_class_bind_template_child (widget_class, RemoraCaptureOptions, name)
  BIND (view);
  BIND (promisc_all);
  BIND (update_list);
  BIND (auto_scroll);
  BIND (stop_packets_check);
  BIND (stop_packets);
  BIND (stop_duration_check);
  BIND (stop_duration);
  BIND (stop_filesize_check);
  BIND (stop_filesize);
  BIND (output);
  BIND (browse);
  BIND (ring_size_check);
  BIND (ring_size);
  BIND (ring_files_check);
  BIND (ring_files);
  BIND (ring_hint);
  BIND (close_button);
  BIND (start_button);
#undef BIND
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
remora_capture_options_init (RemoraCaptureOptions *self)
{
  Remembered *mem = get_remembered ();
  GtkCheckButton *checks[7];
  g_autoptr(GtkColumnViewColumn) capture = NULL;
  g_autoptr(GtkColumnViewColumn) name = NULL;
  g_autoptr(GtkColumnViewColumn) traffic = NULL;
  g_autoptr(GtkColumnViewColumn) link = NULL;
  g_autoptr(GtkColumnViewColumn) promisc = NULL;
  g_autoptr(GtkColumnViewColumn) snaplen = NULL;
  g_autoptr(GtkColumnViewColumn) buffer = NULL;
  g_autoptr(GtkColumnViewColumn) filter = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));
  remora_ui_ensure_css (GTK_WIDGET (self), REMORA_CAPTURE_CSS);
  if (capture_settings () != NULL)
    self->settings = g_object_ref (capture_settings ());
  self->promisc_checks = g_ptr_array_new ();

  self->store = g_list_store_new (REMORA_TYPE_INTERFACE_ITEM);
  gtk_column_view_set_model (self->view,
                             GTK_SELECTION_MODEL (gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->store)))));
  capture = edit_column_new (self, COLUMN_CAPTURE, _("Capture"));
  name = remora_interface_column_new (REMORA_INTERFACE_CELL_NAME, _("Interface"));
  traffic = remora_interface_column_new (REMORA_INTERFACE_CELL_TRAFFIC, _("Traffic"));
  link = remora_interface_column_new (REMORA_INTERFACE_CELL_LINK_TYPE, _("Link-layer Header"));
  promisc = edit_column_new (self, COLUMN_PROMISC, _("Prom. Mode"));
  snaplen = edit_column_new (self, COLUMN_SNAPLEN, _("Snaplen (B)"));
  buffer = edit_column_new (self, COLUMN_BUFFER, _("Buffer (MiB)"));
  filter = edit_column_new (self, COLUMN_FILTER, _("Capture Filter"));
  gtk_column_view_append_column (self->view, capture);
  gtk_column_view_append_column (self->view, name);
  gtk_column_view_append_column (self->view, traffic);
  gtk_column_view_append_column (self->view, link);
  gtk_column_view_append_column (self->view, promisc);
  gtk_column_view_append_column (self->view, snaplen);
  gtk_column_view_append_column (self->view, buffer);
  gtk_column_view_append_column (self->view, filter);
  gtk_column_view_column_set_expand (name, FALSE);
  gtk_column_view_column_set_fixed_width (name, 180);

  /* What was chosen last time. */
  self->updating++;
  if (self->settings != NULL)
    remembered_load (mem, self->settings);
  gtk_check_button_set_active (self->promisc_all, mem->promisc_all);
  gtk_check_button_set_active (self->update_list, mem->update_list);
  gtk_check_button_set_active (self->auto_scroll, mem->auto_scroll);
  gtk_check_button_set_active (self->stop_packets_check, mem->stop_packets_on);
  gtk_spin_button_set_value (self->stop_packets, mem->stop_packets);
  gtk_check_button_set_active (self->stop_duration_check, mem->stop_duration_on);
  gtk_spin_button_set_value (self->stop_duration, mem->stop_duration);
  gtk_check_button_set_active (self->stop_filesize_check, mem->stop_filesize_on);
  gtk_spin_button_set_value (self->stop_filesize, mem->stop_filesize);
  gtk_editable_set_text (GTK_EDITABLE (self->output), mem->output != NULL ? mem->output : "");
  gtk_check_button_set_active (self->ring_size_check, mem->ring_size_on);
  gtk_spin_button_set_value (self->ring_size, mem->ring_size);
  gtk_check_button_set_active (self->ring_files_check, mem->ring_files_on);
  gtk_spin_button_set_value (self->ring_files, mem->ring_files);
  self->updating--;
  update_ring_sensitivity (self);

  g_signal_connect (self->promisc_all, "toggled", G_CALLBACK (on_promisc_all_toggled), self);
  checks[0] = self->update_list;
  checks[1] = self->auto_scroll;
  checks[2] = self->stop_packets_check;
  checks[3] = self->stop_duration_check;
  checks[4] = self->stop_filesize_check;
  checks[5] = self->ring_size_check;
  checks[6] = self->ring_files_check;
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    g_signal_connect_swapped (checks[i], "toggled", G_CALLBACK (on_lower_half_changed), self);
  g_signal_connect_swapped (self->stop_packets, "value-changed", G_CALLBACK (on_lower_half_changed), self);
  g_signal_connect_swapped (self->stop_duration, "value-changed", G_CALLBACK (on_lower_half_changed), self);
  g_signal_connect_swapped (self->stop_filesize, "value-changed", G_CALLBACK (on_lower_half_changed), self);
  g_signal_connect_swapped (self->ring_size, "value-changed", G_CALLBACK (on_lower_half_changed), self);
  g_signal_connect_swapped (self->ring_files, "value-changed", G_CALLBACK (on_lower_half_changed), self);
  g_signal_connect_swapped (self->output, "changed", G_CALLBACK (on_lower_half_changed), self);
  g_signal_connect (self->browse, "clicked", G_CALLBACK (on_browse_clicked), self);
  g_signal_connect (self->close_button, "clicked", G_CALLBACK (on_close_clicked), self);
  g_signal_connect (self->start_button, "clicked", G_CALLBACK (on_start_clicked), self);

  update_start_sensitivity (self);
  self->cancellable = g_cancellable_new ();
  remora_interface_store_load (self->store, self->cancellable, on_loaded, self);
}

RemoraCaptureOptions *
remora_capture_options_new (GtkWindow *parent)
{
  return g_object_new (REMORA_TYPE_CAPTURE_OPTIONS,
                       "transient-for", parent,
                       NULL);
}
