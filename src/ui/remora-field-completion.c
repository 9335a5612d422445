/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-field-completion"

#include "config.h"

#include "remora-field-completion.h"

#include <string.h>

#include "remora-dissectors.h"
#include "remora-field.h"

/* A popover holds a few screens of names at most: past that the person
 * types another letter rather than scroll.  And GTK 4.8's list view builds
 * a row for every offer up to 200 at once: 200 cost the main loop about
 * 100 ms on the first letter typed, 50 a quarter of that. */
#define MAX_OFFERS 50

struct _RemoraFieldCompletion
{
  GObject             parent_instance;

  GtkEntry           *entry;
  GtkPopover         *popover;
  GtkListView        *list_view;
  GtkStringList      *offers;
  GtkSingleSelection *selection;

  guint               update_source;
  guint               freeze_count;
};

G_DEFINE_FINAL_TYPE (RemoraFieldCompletion, remora_field_completion, G_TYPE_OBJECT)

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every distinct abbreviation of the registry, sorted: built once, the
 * registry does not change after start-up. */
static const char **
sorted_abbrevs (guint *n_out)
{
  static const char **abbrevs;
  static guint n_abbrevs;

  if (g_once_init_enter (&abbrevs))
    {
      guint count;
      GPtrArray *all;

      remora_dissectors_init ();
      count = remora_field_count ();
      all = g_ptr_array_sized_new (count + 1);

      for (guint id = 0; id < count; id++)
        {
          const RemoraFieldInfo *info = remora_field_get (id);

          /* Fields sharing an abbreviation are one name to type. */
          if (info->abbrev != NULL && info->abbrev[0] != '\0' &&
              remora_field_lookup (info->abbrev) == (int) id)
            g_ptr_array_add (all, (gpointer) info->abbrev);
        }
      g_ptr_array_sort (all, compare_names);
      n_abbrevs = all->len;
      g_ptr_array_add (all, NULL);
      g_once_init_leave (&abbrevs, (const char **) g_ptr_array_free (all, FALSE));
    }
  *n_out = n_abbrevs;
  return abbrevs;
}

static gboolean
is_name_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '.' || c == '-';
}

/* The word around the cursor, in bytes: [*start, *end), the cursor at
 * *cursor.  FALSE inside a string literal, where names mean nothing. */
static gboolean
find_word (const char *text,
           int         cursor_chars,
           gsize      *start,
           gsize      *cursor,
           gsize      *end)
{
  gsize len = strlen (text);
  gsize pos = g_utf8_offset_to_pointer (text, MIN (cursor_chars, (int) g_utf8_strlen (text, -1))) - text;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < pos; i++)
    {
      if (text[i] == '\\' && in_string && i + 1 < pos)
        i++;
      else if (text[i] == '"')
        in_string = !in_string;
    }
  if (in_string)
    return FALSE;

  *cursor = pos;
  *start = pos;
  while (*start > 0 && is_name_char (text[*start - 1]))
    (*start)--;
  *end = pos;
  while (*end < len && is_name_char (text[*end]))
    (*end)++;
  return TRUE;
}

/* Names starting with the typed PREFIX; FALSE when there is nothing
 * worth offering. */
static gboolean
collect_offers (const char *prefix,
                gsize       prefix_len,
                GPtrArray  *out)
{
  guint n;
  const char **abbrevs = sorted_abbrevs (&n);
  guint lo = 0, hi = n;

  if (prefix_len == 0 || !g_ascii_isalpha (prefix[0]))
    return FALSE;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (strncmp (abbrevs[mid], prefix, prefix_len) < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  for (guint i = lo; i < n && out->len < MAX_OFFERS; i++)
    {
      if (strncmp (abbrevs[i], prefix, prefix_len) != 0)
        break;
      g_ptr_array_add (out, (gpointer) abbrevs[i]);
    }

  /* The name typed in full and nothing longer: done, no popover. */
  if (out->len == 1 && strlen (g_ptr_array_index (out, 0)) == prefix_len)
    return FALSE;
  return out->len > 0;
}

static GtkWidget *
entry_text (RemoraFieldCompletion *self)
{
  return GTK_WIDGET (gtk_editable_get_delegate (GTK_EDITABLE (self->entry)));
}

static gboolean
entry_has_focus (RemoraFieldCompletion *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->entry));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == GTK_WIDGET (self->entry) ||
                           gtk_widget_is_ancestor (focus, GTK_WIDGET (self->entry)));
}

/* Under the start of the word, so the names line up with what is typed. */
static void
point_at_word (RemoraFieldCompletion *self,
               const char            *text,
               gsize                  start)
{
  GtkWidget *text_widget = entry_text (self);
  graphene_rect_t strong;
  double x = 0, y = 0;
  GdkRectangle rect;

  gtk_text_compute_cursor_extents (GTK_TEXT (text_widget),
                                   g_utf8_pointer_to_offset (text, text + start),
                                   &strong, NULL);
  if (!gtk_widget_translate_coordinates (text_widget, GTK_WIDGET (self->entry),
                                         strong.origin.x, 0, &x, &y))
    x = 0;
  rect.x = (int) CLAMP (x, 0, gtk_widget_get_width (GTK_WIDGET (self->entry)));
  rect.y = 0;
  rect.width = 1;
  rect.height = gtk_widget_get_height (GTK_WIDGET (self->entry));
  gtk_popover_set_pointing_to (self->popover, &rect);
}

static void
remora_field_completion_update (RemoraFieldCompletion *self,
                                gboolean               forced)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->entry));
  gsize start, cursor, end;

  if (!find_word (text, gtk_editable_get_position (GTK_EDITABLE (self->entry)), &start, &cursor, &end) ||
      !collect_offers (text + start, cursor - start, found) ||
      (!forced && !entry_has_focus (self)))
    {
      remora_field_completion_hide (self);
      return;
    }

  g_ptr_array_add (found, NULL);
  gtk_string_list_splice (self->offers, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->offers)),
                          (const char * const *) found->pdata);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  point_at_word (self, text, start);
  if (!gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popup (self->popover);
}

static gboolean
update_idle (gpointer user_data)
{
  RemoraFieldCompletion *self = user_data;

  self->update_source = 0;
  remora_field_completion_update (self, FALSE);
  return G_SOURCE_REMOVE;
}

/* Deferred to idle: the cursor has its final place by then, and a burst
 * of keys (a paste) costs one lookup. */
static void
on_entry_changed (RemoraFieldCompletion *self,
                  GtkEditable           *editable)
{
  if (self->freeze_count > 0)
    return;
  if (self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, update_idle, self, NULL);
}

void
remora_field_completion_accept (RemoraFieldCompletion *self,
                                guint                  position)
{
  g_autoptr(GtkStringObject) offer = NULL;
  g_autofree char *text = NULL;
  GtkEditable *editable;
  gsize start, cursor, end;
  int start_chars, end_chars;
  int pos;

  g_return_if_fail (REMORA_IS_FIELD_COMPLETION (self));

  offer = g_list_model_get_item (G_LIST_MODEL (self->offers), position);
  if (offer == NULL)
    return;

  editable = GTK_EDITABLE (self->entry);
  text = g_strdup (gtk_editable_get_text (editable));
  if (!find_word (text, gtk_editable_get_position (editable), &start, &cursor, &end))
    return;

  start_chars = g_utf8_pointer_to_offset (text, text + start);
  end_chars = g_utf8_pointer_to_offset (text, text + end);

  remora_field_completion_freeze (self);
  gtk_editable_delete_text (editable, start_chars, end_chars);
  pos = start_chars;
  gtk_editable_insert_text (editable, gtk_string_object_get_string (offer), -1, &pos);
  gtk_editable_set_position (editable, pos);
  remora_field_completion_thaw (self);

  remora_field_completion_hide (self);
}

static void
move_selection (RemoraFieldCompletion *self,
                int                    delta)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->offers));
  guint selected = gtk_single_selection_get_selected (self->selection);
  guint next;

  if (n == 0)
    return;
  if (selected == GTK_INVALID_LIST_POSITION)
    next = delta > 0 ? 0 : n - 1;
  else if (delta > 0)
    next = MIN (selected + 1, n - 1);
  else
    next = selected > 0 ? selected - 1 : 0;

  gtk_single_selection_set_selected (self->selection, next);
  /* The view follows the choice without taking focus from the entry. */
  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u", next);
}

static gboolean
on_key_pressed (RemoraFieldCompletion *self,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                GtkEventControllerKey *controller)
{
  gboolean shown = remora_field_completion_is_shown (self);
  guint selected;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;

  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (!shown)
        {
          /* Down in a closed entry asks for the names, as in a combo box. */
          remora_field_completion_update (self, TRUE);
          return remora_field_completion_is_shown (self);
        }
      move_selection (self, 1);
      return TRUE;

    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (!shown)
        return FALSE;
      move_selection (self, -1);
      return TRUE;

    case GDK_KEY_Tab:
    case GDK_KEY_ISO_Left_Tab:
      if (!shown)
        return FALSE;
      selected = gtk_single_selection_get_selected (self->selection);
      remora_field_completion_accept (self, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
      return TRUE;

    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      if (!shown)
        return FALSE;
      selected = gtk_single_selection_get_selected (self->selection);
      if (selected == GTK_INVALID_LIST_POSITION)
        {
          /* Nothing chosen: Enter keeps its meaning, apply. */
          remora_field_completion_hide (self);
          return FALSE;
        }
      remora_field_completion_accept (self, selected);
      return TRUE;

    case GDK_KEY_Escape:
      if (!shown)
        return FALSE;
      remora_field_completion_hide (self);
      return TRUE;

    default:
      return FALSE;
    }
}

static void
on_focus_leave (RemoraFieldCompletion   *self,
                GtkEventControllerFocus *controller)
{
  remora_field_completion_hide (self);
}

static void
on_list_activate (RemoraFieldCompletion *self,
                  guint                  position,
                  GtkListView           *list_view)
{
  remora_field_completion_accept (self, position);
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

static void
offer_setup (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *abbrev = gtk_label_new (NULL);
  GtkWidget *name = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (abbrev), 0);
  gtk_widget_add_css_class (abbrev, "monospace");
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (name), 40);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_set_halign (name, GTK_ALIGN_END);
  gtk_widget_add_css_class (name, "dim-label");
  gtk_box_append (GTK_BOX (box), abbrev);
  gtk_box_append (GTK_BOX (box), name);
  gtk_list_item_set_child (item, box);
}

static void
offer_bind (GtkSignalListItemFactory *factory,
            GtkListItem              *item,
            gpointer                  user_data)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *abbrev = gtk_widget_get_first_child (box);
  GtkWidget *name = gtk_widget_get_next_sibling (abbrev);
  const char *text = gtk_string_object_get_string (gtk_list_item_get_item (item));
  int id = remora_field_lookup (text);
  const RemoraFieldInfo *info = id >= 0 ? remora_field_get (id) : NULL;

  gtk_label_set_text (GTK_LABEL (abbrev), text);
  gtk_label_set_text (GTK_LABEL (name), info != NULL && info->name != NULL ? info->name : "");
  gtk_widget_set_tooltip_text (box, info != NULL ? info->blurb : NULL);
}

RemoraFieldCompletion *
remora_field_completion_new (GtkEntry *entry)
{
  RemoraFieldCompletion *self;
  g_autoptr(GtkListItemFactory) factory = NULL;
  GtkEventController *controller;
  GtkWidget *scroller;

  g_return_val_if_fail (GTK_IS_ENTRY (entry), NULL);

  self = g_object_new (REMORA_TYPE_FIELD_COMPLETION, NULL);
  self->entry = g_object_ref (entry);

  self->offers = gtk_string_list_new (NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->offers)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (offer_setup), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (offer_bind), NULL);
  self->list_view = GTK_LIST_VIEW (gtk_list_view_new (GTK_SELECTION_MODEL (g_object_ref (self->selection)),
                                                      g_steal_pointer (&factory)));
  gtk_list_view_set_single_click_activate (self->list_view, TRUE);
  /* Focus stays in the entry; the keys reach the list through it. */
  gtk_widget_set_can_focus (GTK_WIDGET (self->list_view), FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list_view), "field-completion");
  g_signal_connect_object (self->list_view, "activate", G_CALLBACK (on_list_activate), self,
                           G_CONNECT_SWAPPED);

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 280);
  gtk_scrolled_window_set_min_content_width (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_propagate_natural_width (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->list_view));

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, scroller);
  gtk_popover_set_position (self->popover, GTK_POS_BOTTOM);
  gtk_popover_set_has_arrow (self->popover, FALSE);
  /* Not modal: typing goes on in the entry while the list is open. */
  gtk_popover_set_autohide (self->popover, FALSE);
  gtk_widget_set_halign (GTK_WIDGET (self->popover), GTK_ALIGN_START);
  gtk_widget_add_css_class (GTK_WIDGET (self->popover), "field-completion");
  gtk_widget_set_parent (GTK_WIDGET (self->popover), GTK_WIDGET (entry));

  g_signal_connect_object (entry, "changed", G_CALLBACK (on_entry_changed), self, G_CONNECT_SWAPPED);

  controller = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  g_signal_connect_object (controller, "key-pressed", G_CALLBACK (on_key_pressed), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (entry), controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect_object (controller, "leave", G_CALLBACK (on_focus_leave), self, G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (entry), controller);

  return self;
}

void
remora_field_completion_freeze (RemoraFieldCompletion *self)
{
  g_return_if_fail (REMORA_IS_FIELD_COMPLETION (self));

  self->freeze_count++;
}

void
remora_field_completion_thaw (RemoraFieldCompletion *self)
{
  g_return_if_fail (REMORA_IS_FIELD_COMPLETION (self));
  g_return_if_fail (self->freeze_count > 0);

  self->freeze_count--;
}

void
remora_field_completion_hide (RemoraFieldCompletion *self)
{
  g_return_if_fail (REMORA_IS_FIELD_COMPLETION (self));

  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover)))
    gtk_popover_popdown (self->popover);
}

gboolean
remora_field_completion_is_shown (RemoraFieldCompletion *self)
{
  g_return_val_if_fail (REMORA_IS_FIELD_COMPLETION (self), FALSE);

  return self->popover != NULL && gtk_widget_get_visible (GTK_WIDGET (self->popover));
}

GListModel *
remora_field_completion_get_model (RemoraFieldCompletion *self)
{
  g_return_val_if_fail (REMORA_IS_FIELD_COMPLETION (self), NULL);

  return G_LIST_MODEL (self->offers);
}

GtkPopover *
remora_field_completion_get_popover (RemoraFieldCompletion *self)
{
  g_return_val_if_fail (REMORA_IS_FIELD_COMPLETION (self), NULL);

  return self->popover;
}

static void
remora_field_completion_dispose (GObject *object)
{
  RemoraFieldCompletion *self = REMORA_FIELD_COMPLETION (object);

  g_clear_handle_id (&self->update_source, g_source_remove);
  if (self->popover != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->popover));
      self->popover = NULL;
      self->list_view = NULL;
    }
  g_clear_object (&self->selection);
  g_clear_object (&self->offers);
  g_clear_object (&self->entry);

  G_OBJECT_CLASS (remora_field_completion_parent_class)->dispose (object);
}

static void
remora_field_completion_class_init (RemoraFieldCompletionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = remora_field_completion_dispose;
}

static void
remora_field_completion_init (RemoraFieldCompletion *self)
{
}
