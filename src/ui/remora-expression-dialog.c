/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-expression-dialog"

#include "config.h"

#include "remora-expression-dialog.h"
#include "remora-ui-css.h"

#include <inttypes.h>
#include <string.h>

#include <glib/gi18n.h>

#include "remora-dfilter.h"
#include "remora-dissect.h"
#include "remora-field.h"

/* The field tree:
 *
 *   protocols (GPtrArray of FieldItem, built once per dialog, sorted)
 *     -> root GListStore (the protocols the search keeps; rebuilt per search)
 *       -> GtkTreeListModel (children: a GListStore of the fields the search
 *          keeps, made when a protocol is expanded; autoexpand while searching)
 *         -> GtkSingleSelection -> GtkColumnView (Name, Field name, Type)
 *
 * Rebuilding the small root store per search is cheaper and simpler than
 * filtering ~5,000 rows through nested filter models, and a search that
 * matches a field shows it expanded. */

/* ---- one row of the tree: a protocol or a field ---- */

#define FIELD_TYPE_ITEM (field_item_get_type ())
G_DECLARE_FINAL_TYPE (FieldItem, field_item, FIELD, ITEM, GObject)

struct _FieldItem
{
  GObject    parent_instance;
  int        id;
  char      *key;       /* "abbrev name", case-folded: what the search reads */
  GPtrArray *children;  /* protocols: their FieldItems, sorted; NULL for fields */
};

G_DEFINE_FINAL_TYPE (FieldItem, field_item, G_TYPE_OBJECT)

static void
field_item_finalize (GObject *object)
{
  FieldItem *self = FIELD_ITEM (object);

  g_free (self->key);
  g_clear_pointer (&self->children, g_ptr_array_unref);
  G_OBJECT_CLASS (field_item_parent_class)->finalize (object);
}

static void
field_item_class_init (FieldItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = field_item_finalize;
}

static void
field_item_init (FieldItem *self)
{
}

static FieldItem *
field_item_new (const RemoraFieldInfo *info)
{
  FieldItem *self = g_object_new (FIELD_TYPE_ITEM, NULL);
  g_autofree char *key = g_strconcat (info->abbrev, " ", info->name, NULL);

  self->id = info->id;
  self->key = g_utf8_casefold (key, -1);
  return self;
}

static gboolean
field_item_matches (FieldItem  *item,
                    const char *search)
{
  return search == NULL || strstr (item->key, search) != NULL;
}

/* ---- relations ---- */

typedef enum {
  REL_PRESENT,
  REL_EQ,
  REL_NE,
  REL_ALL_EQ,
  REL_ANY_NE,
  REL_GT,
  REL_LT,
  REL_GE,
  REL_LE,
  REL_CONTAINS,
  REL_MATCHES,
  REL_IN,
  REL_AND,
  N_RELATIONS
} Relation;

/* Wireshark's list and order, with the bitwise test last. */
static const struct {
  const char *op;
  const char *description;
} relations[N_RELATIONS] = {
  [REL_PRESENT]  = { NULL,       N_("The field is in the packet") },
  [REL_EQ]       = { "==",       N_("Any occurrence equals") },
  [REL_NE]       = { "!=",       N_("No occurrence equals") },
  [REL_ALL_EQ]   = { "===",      N_("Every occurrence equals") },
  [REL_ANY_NE]   = { "!==",      N_("Some occurrence differs") },
  [REL_GT]       = { ">",        N_("Greater than") },
  [REL_LT]       = { "<",        N_("Less than") },
  [REL_GE]       = { ">=",       N_("Greater than or equal to") },
  [REL_LE]       = { "<=",       N_("Less than or equal to") },
  [REL_CONTAINS] = { "contains", N_("Contains the value") },
  [REL_MATCHES]  = { "matches",  N_("Matches the regular expression") },
  [REL_IN]       = { "in",       N_("Is one of a set, like 80, 443 or 1..1023") },
  [REL_AND]      = { "&",        N_("Has any of the bits set") },
};

#define R(rel) (1u << (rel))
#define RELS_EQUALITY (R (REL_PRESENT) | R (REL_EQ) | R (REL_NE) | R (REL_ALL_EQ) | R (REL_ANY_NE))
#define RELS_ORDERED (RELS_EQUALITY | R (REL_GT) | R (REL_LT) | R (REL_GE) | R (REL_LE) | R (REL_IN))

/* The relations a field of TYPE can take: Wireshark 4.0's per type, less
 * those our compiler rejects (ordering of booleans, contains/matches on
 * MAC addresses), which would only lead to an error. */
static guint
relations_for_type (RemoraFieldType type)
{
  switch (type)
    {
    case REMORA_FT_NONE:
      return R (REL_PRESENT);
    case REMORA_FT_PROTOCOL:
      return R (REL_PRESENT) | R (REL_EQ) | R (REL_NE) | R (REL_CONTAINS) | R (REL_MATCHES);
    case REMORA_FT_BOOLEAN:
      return R (REL_PRESENT) | R (REL_EQ) | R (REL_NE);
    case REMORA_FT_CHAR:
    case REMORA_FT_UINT8:
    case REMORA_FT_UINT16:
    case REMORA_FT_UINT24:
    case REMORA_FT_UINT32:
    case REMORA_FT_UINT40:
    case REMORA_FT_UINT48:
    case REMORA_FT_UINT56:
    case REMORA_FT_UINT64:
    case REMORA_FT_INT8:
    case REMORA_FT_INT16:
    case REMORA_FT_INT24:
    case REMORA_FT_INT32:
    case REMORA_FT_INT64:
      return RELS_ORDERED | R (REL_AND);
    case REMORA_FT_FRAMENUM:
    case REMORA_FT_FLOAT:
    case REMORA_FT_DOUBLE:
    case REMORA_FT_ABSOLUTE_TIME:
    case REMORA_FT_RELATIVE_TIME:
    case REMORA_FT_ETHER:
    case REMORA_FT_IPv4:
    case REMORA_FT_IPv6:
      return RELS_ORDERED;
    case REMORA_FT_STRING:
    case REMORA_FT_STRINGZ:
      return RELS_ORDERED | R (REL_CONTAINS) | R (REL_MATCHES);
    case REMORA_FT_BYTES:
      return RELS_ORDERED | R (REL_CONTAINS) | R (REL_MATCHES) | R (REL_AND);
    case REMORA_FT_N_TYPES:
    default:
      return R (REL_PRESENT);
    }
}

/* Wireshark 4.0's names for the types (`tshark -G ftypes`). */
static const char *
type_pretty_name (RemoraFieldType type)
{
  static const char *const names[REMORA_FT_N_TYPES] = {
    [REMORA_FT_NONE] = N_("Label"),
    [REMORA_FT_PROTOCOL] = N_("Protocol"),
    [REMORA_FT_BOOLEAN] = N_("Boolean"),
    [REMORA_FT_CHAR] = N_("Character (1 byte)"),
    [REMORA_FT_UINT8] = N_("Unsigned integer (1 byte)"),
    [REMORA_FT_UINT16] = N_("Unsigned integer (2 bytes)"),
    [REMORA_FT_UINT24] = N_("Unsigned integer (3 bytes)"),
    [REMORA_FT_UINT32] = N_("Unsigned integer (4 bytes)"),
    [REMORA_FT_UINT40] = N_("Unsigned integer (5 bytes)"),
    [REMORA_FT_UINT48] = N_("Unsigned integer (6 bytes)"),
    [REMORA_FT_UINT56] = N_("Unsigned integer (7 bytes)"),
    [REMORA_FT_UINT64] = N_("Unsigned integer (8 bytes)"),
    [REMORA_FT_INT8] = N_("Signed integer (1 byte)"),
    [REMORA_FT_INT16] = N_("Signed integer (2 bytes)"),
    [REMORA_FT_INT24] = N_("Signed integer (3 bytes)"),
    [REMORA_FT_INT32] = N_("Signed integer (4 bytes)"),
    [REMORA_FT_INT64] = N_("Signed integer (8 bytes)"),
    [REMORA_FT_FLOAT] = N_("Floating point (single-precision)"),
    [REMORA_FT_DOUBLE] = N_("Floating point (double-precision)"),
    [REMORA_FT_ABSOLUTE_TIME] = N_("Date and time"),
    [REMORA_FT_RELATIVE_TIME] = N_("Time offset"),
    [REMORA_FT_STRING] = N_("Character string"),
    [REMORA_FT_STRINGZ] = N_("Character string"),
    [REMORA_FT_BYTES] = N_("Byte sequence"),
    [REMORA_FT_ETHER] = N_("Ethernet or other MAC address"),
    [REMORA_FT_IPv4] = N_("IPv4 address"),
    [REMORA_FT_IPv6] = N_("IPv6 address"),
    [REMORA_FT_FRAMENUM] = N_("Frame number"),
  };

  if ((guint) type >= REMORA_FT_N_TYPES || names[type] == NULL)
    return "";
  return _(names[type]);
}

/* ---- the dialog ---- */

struct _RemoraExpressionDialog
{
  GtkWindow            parent_instance;

  /* template */
  GtkSearchEntry      *search_entry;
  GtkColumnView       *field_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *abbrev_column;
  GtkColumnViewColumn *type_column;
  GtkListBox          *relation_list;
  GtkLabel            *value_label;
  GtkEntry            *value_entry;
  GtkLabel            *predefined_heading;
  GtkWidget           *predefined_scroller;
  GtkListView         *predefined_view;
  GtkEntry            *preview_entry;
  GtkLabel            *message_label;
  GtkButton           *insert_button;

  GPtrArray           *protocols;           /* FieldItem, sorted by filter name */
  char                *search;              /* case-folded, NULL when empty */
  GtkSingleSelection  *field_selection;
  GtkStringList       *predefined_names;
  GPtrArray           *predefined_values;   /* char *, parallel to the names */
  GtkSingleSelection  *predefined_selection;

  int                  field_id;            /* -1: nothing chosen */
  char                *filter;
  gboolean             valid;
  guint                updating : 1;        /* the program, not the user, is changing widgets */
};

G_DEFINE_FINAL_TYPE (RemoraExpressionDialog, remora_expression_dialog, GTK_TYPE_WINDOW)

enum {
  INSERT,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const FieldItem *ia = *(FieldItem *const *) a;
  const FieldItem *ib = *(FieldItem *const *) b;

  return strcmp (remora_field_get (ia->id)->abbrev, remora_field_get (ib->id)->abbrev);
}

/* Every protocol with its fields.  A name registered more than once (the
 * same abbrev in several places) is offered once, as Wireshark does. */
static GPtrArray *
collect_protocols (void)
{
  guint n = remora_field_count ();
  g_autofree FieldItem **by_id = g_new0 (FieldItem *, n);
  GPtrArray *protocols = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint id = 0; id < n; id++)
    {
      const RemoraFieldInfo *info = remora_field_get (id);

      if (info == NULL || info->abbrev == NULL || info->parent != -1)
        continue;
      by_id[id] = field_item_new (info);
      by_id[id]->children = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (protocols, by_id[id]);
    }

  for (guint id = 0; id < n; id++)
    {
      const RemoraFieldInfo *info = remora_field_get (id);
      FieldItem *proto;

      if (info == NULL || info->abbrev == NULL || info->parent < 0 || (guint) info->parent >= n)
        continue;
      proto = by_id[info->parent];
      if (proto == NULL || remora_field_lookup (info->abbrev) != (int) id)
        continue;
      g_ptr_array_add (proto->children, field_item_new (info));
    }

  g_ptr_array_sort (protocols, compare_items);
  for (guint i = 0; i < protocols->len; i++)
    g_ptr_array_sort (((FieldItem *) g_ptr_array_index (protocols, i))->children, compare_items);
  return protocols;
}

static GListModel *
create_children (gpointer item,
                 gpointer user_data)
{
  RemoraExpressionDialog *self = user_data;
  FieldItem *proto = item;
  const char *search = self->search;
  GListStore *store;

  if (proto->children == NULL || proto->children->len == 0)
    return NULL;

  /* A protocol found by its own name shows all its fields. */
  if (field_item_matches (proto, search))
    search = NULL;

  store = g_list_store_new (FIELD_TYPE_ITEM);
  for (guint i = 0; i < proto->children->len; i++)
    {
      FieldItem *child = g_ptr_array_index (proto->children, i);

      if (field_item_matches (child, search))
        g_list_store_append (store, child);
    }
  return G_LIST_MODEL (store);
}

static gboolean
protocol_shown (FieldItem  *proto,
                const char *search)
{
  if (field_item_matches (proto, search))
    return TRUE;
  for (guint i = 0; i < proto->children->len; i++)
    if (field_item_matches (g_ptr_array_index (proto->children, i), search))
      return TRUE;
  return FALSE;
}

static FieldItem *
item_at (GListModel *model,
         guint       position)
{
  g_autoptr(GtkTreeListRow) row = g_list_model_get_item (model, position);

  return row != NULL ? gtk_tree_list_row_get_item (row) : NULL;
}

static void
rebuild_tree (RemoraExpressionDialog *self)
{
  g_autoptr(GListStore) root = g_list_store_new (FIELD_TYPE_ITEM);
  g_autoptr(GPtrArray) shown = g_ptr_array_new ();
  GtkTreeListModel *tree;
  GListModel *model;
  guint n;

  for (guint i = 0; i < self->protocols->len; i++)
    {
      FieldItem *proto = g_ptr_array_index (self->protocols, i);

      if (protocol_shown (proto, self->search))
        g_ptr_array_add (shown, proto);
    }
  g_list_store_splice (root, 0, 0, shown->pdata, shown->len);

  tree = gtk_tree_list_model_new (G_LIST_MODEL (g_steal_pointer (&root)), FALSE,
                                  self->search != NULL, create_children, self, NULL);
  self->updating = TRUE;
  /* Detached meanwhile, so that the view starts the new list at its top
   * instead of keeping the old list's scroll position. */
  gtk_column_view_set_model (self->field_view, NULL);
  gtk_single_selection_set_model (self->field_selection, G_LIST_MODEL (tree));
  gtk_column_view_set_model (self->field_view, GTK_SELECTION_MODEL (self->field_selection));
  g_object_unref (tree);

  /* The chosen field stays chosen; select it again when it is shown. */
  model = G_LIST_MODEL (tree);
  n = g_list_model_get_n_items (model);
  gtk_single_selection_set_selected (self->field_selection, GTK_INVALID_LIST_POSITION);
  for (guint i = 0; self->field_id >= 0 && i < n; i++)
    {
      g_autoptr(FieldItem) item = item_at (model, i);

      if (item->id == self->field_id)
        {
          gtk_single_selection_set_selected (self->field_selection, i);
          break;
        }
    }
  self->updating = FALSE;
}

static void
on_search_changed (RemoraExpressionDialog *self,
                   GtkSearchEntry         *entry)
{
  if (self->updating)
    return;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));

  g_clear_pointer (&self->search, g_free);
  if (*stripped != '\0')
    self->search = g_utf8_casefold (stripped, -1);
  rebuild_tree (self);
}

/* ---- the preview ---- */

static const RemoraFieldInfo *
current_field (RemoraExpressionDialog *self)
{
  return self->field_id >= 0 ? remora_field_get (self->field_id) : NULL;
}

static Relation
current_relation (RemoraExpressionDialog *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->relation_list);

  if (row == NULL)
    return REL_PRESENT;
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "relation"));
}

static gboolean
is_quoted (const char *value)
{
  gsize len = strlen (value);

  return len >= 2 && value[0] == '"' && value[len - 1] == '"';
}

static void
append_quoted (GString    *filter,
               const char *value)
{
  g_string_append_c (filter, '"');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (filter, '\\');
      g_string_append_c (filter, *p);
    }
  g_string_append_c (filter, '"');
}

/* "ip.src == 1.2.3.4": strings (and regular expressions) quoted, sets in
 * braces, the rest as typed, so that the compiler judges what the user
 * wrote.  A missing value leaves "field ==", which the compiler rejects. */
static char *
build_filter (const RemoraFieldInfo *info,
              Relation               relation,
              const char            *value)
{
  GString *filter = g_string_new (info->abbrev);
  gboolean text_type = info->type == REMORA_FT_STRING || info->type == REMORA_FT_STRINGZ;
  g_autofree char *stripped = g_strstrip (g_strdup (value));

  if (relation == REL_PRESENT)
    return g_string_free (filter, FALSE);

  g_string_append_printf (filter, " %s", relations[relation].op);
  /* Spaces around a string are part of it; elsewhere they are noise. */
  if (*stripped == '\0')
    return g_string_free (filter, FALSE);
  g_string_append_c (filter, ' ');
  if (relation == REL_IN)
    {
      if (stripped[0] == '{')
        g_string_append (filter, stripped);
      else
        g_string_append_printf (filter, "{%s}", stripped);
    }
  else if ((text_type || relation == REL_MATCHES) && !is_quoted (stripped))
    append_quoted (filter, value);
  else
    g_string_append (filter, stripped);
  return g_string_free (filter, FALSE);
}

static void
mark_error_span (RemoraExpressionDialog *self,
                 const char             *text,
                 guint                   start,
                 guint                   length)
{
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  gsize len = strlen (text);
  PangoAttribute *attr;

  if (len == 0)
    return;
  /* An error past the end (a missing value) marks the last character. */
  if (start >= len)
    start = len - 1;
  if (length == 0 || start + length > len)
    length = len - start;

  attr = pango_attr_underline_new (PANGO_UNDERLINE_ERROR);
  attr->start_index = start;
  attr->end_index = start + length;
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_weight_new (PANGO_WEIGHT_BOLD);
  attr->start_index = start;
  attr->end_index = start + length;
  pango_attr_list_insert (attrs, attr);
  gtk_entry_set_attributes (self->preview_entry, attrs);
}

static void
set_message (RemoraExpressionDialog *self,
             const char             *message,
             const char             *kind)
{
  static const char *const kinds[] = { "error", "warning", "hint" };
  GtkWidget *label = GTK_WIDGET (self->message_label);

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i], kind) != 0)
      gtk_widget_remove_css_class (label, kinds[i]);
  gtk_widget_add_css_class (label, kind);
  gtk_label_set_text (self->message_label, message);
}

static void
set_preview_class (RemoraExpressionDialog *self,
                   const char             *klass)
{
  static const char *const classes[] = { "filter-valid", "filter-invalid", "filter-warning" };
  GtkWidget *entry = GTK_WIDGET (self->preview_entry);

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    if (g_strcmp0 (classes[i], klass) != 0)
      gtk_widget_remove_css_class (entry, classes[i]);
  if (klass != NULL)
    gtk_widget_add_css_class (entry, klass);
}

static void
update_preview (RemoraExpressionDialog *self)
{
  const RemoraFieldInfo *info = current_field (self);
  g_autoptr(RemoraDfilterError) error = NULL;
  g_autoptr(RemoraDfilter) dfilter = NULL;
  const char *const *warnings;
  Relation relation = current_relation (self);

  g_clear_pointer (&self->filter, g_free);
  gtk_entry_set_attributes (self->preview_entry, NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->value_entry), info != NULL && relation != REL_PRESENT);

  if (info == NULL)
    {
      self->filter = g_strdup ("");
      self->valid = FALSE;
      gtk_editable_set_text (GTK_EDITABLE (self->preview_entry), "");
      set_preview_class (self, NULL);
      set_message (self, _("Select a field name to get started."), "hint");
      gtk_widget_set_sensitive (GTK_WIDGET (self->insert_button), FALSE);
      return;
    }

  self->filter = build_filter (info, relation,
                               gtk_editable_get_text (GTK_EDITABLE (self->value_entry)));
  gtk_editable_set_text (GTK_EDITABLE (self->preview_entry), self->filter);

  dfilter = remora_dfilter_compile (self->filter, &error);
  self->valid = dfilter != NULL;
  if (dfilter == NULL)
    {
      set_preview_class (self, "filter-invalid");
      set_message (self, error != NULL ? error->message : _("This display filter is not valid."), "error");
      if (error != NULL)
        mark_error_span (self, self->filter, error->start, error->length);
    }
  else if ((warnings = remora_dfilter_get_warnings (dfilter))[0] != NULL)
    {
      g_autofree char *all = g_strjoinv ("\n", (char **) warnings);

      set_preview_class (self, "filter-warning");
      set_message (self, all, "warning");
    }
  else
    {
      set_preview_class (self, "filter-valid");
      set_message (self, _("Press Insert to add this expression to the display filter."), "hint");
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->insert_button), self->valid);
}

/* ---- relations and values for the chosen field ---- */

static GtkWidget *
relation_row_new (Relation relation)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *op = gtk_label_new (relations[relation].op != NULL ? relations[relation].op
                                                                : _("is present"));
  GtkWidget *description = gtk_label_new (_(relations[relation].description));

  gtk_widget_add_css_class (row, "relation-row");
  gtk_label_set_xalign (GTK_LABEL (op), 0);
  gtk_label_set_width_chars (GTK_LABEL (op), 8);
  if (relations[relation].op != NULL)
    gtk_widget_add_css_class (op, "monospace");
  gtk_label_set_xalign (GTK_LABEL (description), 0);
  gtk_label_set_ellipsize (GTK_LABEL (description), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (description, TRUE);
  gtk_widget_add_css_class (description, "dim-label");
  gtk_widget_set_tooltip_text (row, _(relations[relation].description));
  gtk_box_append (GTK_BOX (box), op);
  gtk_box_append (GTK_BOX (box), description);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data (G_OBJECT (row), "relation", GUINT_TO_POINTER (relation));
  return row;
}

static void
select_relation (RemoraExpressionDialog *self,
                 Relation                relation)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->relation_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) &&
        GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (child), "relation")) == relation)
      {
        gtk_list_box_select_row (self->relation_list, GTK_LIST_BOX_ROW (child));
        return;
      }
}

/* How the field shows its numbers (Wireshark inserts the value, not its
 * name, in the field's own base). */
static char *
format_number (const RemoraFieldInfo *info,
               guint64                value)
{
  int base = info->base & REMORA_BASE_SPECIAL_MASK;

  if (remora_field_type_is_signed (info->type))
    return g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) value);
  switch (base)
    {
    case REMORA_BASE_HEX:
    case REMORA_BASE_HEX_DEC:
      return g_strdup_printf ("0x%" G_GINT64_MODIFIER "x", value);
    case REMORA_BASE_OCT:
      return g_strdup_printf ("0%" G_GINT64_MODIFIER "o", value);
    default:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, value);
    }
}

static void
add_predefined (RemoraExpressionDialog *self,
                GPtrArray              *names,
                const char             *name,
                char                   *value)
{
  g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_add (self->predefined_values, value);
}

static void
fill_predefined (RemoraExpressionDialog *self,
                 const RemoraFieldInfo  *info)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  guint old = g_list_model_get_n_items (G_LIST_MODEL (self->predefined_names));

  g_ptr_array_set_size (self->predefined_values, 0);

  if (info != NULL && info->type == REMORA_FT_BOOLEAN)
    {
      const RemoraTrueFalse *tfs = info->strings != NULL ? info->strings : &remora_tfs_true_false;

      add_predefined (self, names, g_strdup (tfs->true_string), g_strdup ("1"));
      add_predefined (self, names, g_strdup (tfs->false_string), g_strdup ("0"));
    }
  else if (info != NULL && info->strings != NULL && remora_field_type_is_integer (info->type) &&
           (info->base & REMORA_BASE_UNIT_STRING) == 0)
    {
      if (info->base & REMORA_BASE_RANGE_STRING)
        {
          for (const RemoraRangeString *rs = info->strings; rs->name != NULL; rs++)
            {
              char *label;

              /* Which numbers the name covers; the lowest is inserted. */
              if (rs->min != rs->max)
                label = g_strdup_printf (_("%s (%" G_GUINT64_FORMAT "–%" G_GUINT64_FORMAT " valid)"),
                                         rs->name, rs->min, rs->max);
              else
                label = g_strdup (rs->name);
              add_predefined (self, names, label, format_number (info, rs->min));
            }
        }
      else
        {
          for (const RemoraValueString *vs = info->strings; vs->name != NULL; vs++)
            add_predefined (self, names, g_strdup (vs->name), format_number (info, vs->value));
        }
    }

  g_ptr_array_add (names, NULL);
  gtk_string_list_splice (self->predefined_names, 0, old, (const char *const *) names->pdata);
  gtk_single_selection_set_selected (self->predefined_selection, GTK_INVALID_LIST_POSITION);
  gtk_widget_set_sensitive (GTK_WIDGET (self->predefined_heading), self->predefined_values->len > 0);
  gtk_widget_set_sensitive (self->predefined_scroller, self->predefined_values->len > 0);
}

static void
set_field (RemoraExpressionDialog *self,
           int                     field_id)
{
  const RemoraFieldInfo *info;
  GtkWidget *child;
  guint allowed;

  if (self->field_id == field_id)
    return;
  self->field_id = field_id;
  info = current_field (self);

  self->updating = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->relation_list))) != NULL)
    gtk_list_box_remove (self->relation_list, child);
  allowed = info != NULL ? relations_for_type (info->type) : 0;
  for (Relation rel = 0; rel < N_RELATIONS; rel++)
    if (allowed & R (rel))
      gtk_list_box_append (self->relation_list, relation_row_new (rel));
  gtk_widget_set_sensitive (GTK_WIDGET (self->relation_list), info != NULL);

  gtk_editable_set_text (GTK_EDITABLE (self->value_entry), "");
  if (info != NULL && info->type != REMORA_FT_NONE)
    {
      g_autofree char *label = g_strdup_printf (_("_Value (%s)"), type_pretty_name (info->type));

      gtk_label_set_text_with_mnemonic (self->value_label, label);
    }
  else
    gtk_label_set_text_with_mnemonic (self->value_label, _("_Value"));

  fill_predefined (self, info);
  /* A field with named values most likely wants one of them. */
  if (info != NULL)
    select_relation (self, self->predefined_values->len > 0 && (allowed & R (REL_EQ)) ? REL_EQ
                                                                                     : REL_PRESENT);
  self->updating = FALSE;

  update_preview (self);
}

static void
on_field_selected (RemoraExpressionDialog *self,
                   GParamSpec             *pspec,
                   GtkSingleSelection     *selection)
{
  GtkTreeListRow *row;
  FieldItem *item;

  /* A new search reselects by itself. */
  if (self->updating)
    return;
  row = gtk_single_selection_get_selected_item (selection);
  if (row == NULL)
    return;
  item = gtk_tree_list_row_get_item (row);
  set_field (self, item->id);
  g_object_unref (item);
}

static void
on_relation_selected (RemoraExpressionDialog *self,
                      GtkListBoxRow          *row,
                      GtkListBox             *list)
{
  if (self->updating)
    return;
  update_preview (self);
}

static void
on_value_changed (RemoraExpressionDialog *self,
                  GtkEntry               *entry)
{
  guint selected;

  if (self->updating)
    return;
  /* Typing over a chosen name lets go of it. */
  selected = gtk_single_selection_get_selected (self->predefined_selection);
  if (selected != GTK_INVALID_LIST_POSITION &&
      g_strcmp0 (g_ptr_array_index (self->predefined_values, selected),
                 gtk_editable_get_text (GTK_EDITABLE (entry))) != 0)
    {
      self->updating = TRUE;
      gtk_single_selection_set_selected (self->predefined_selection, GTK_INVALID_LIST_POSITION);
      self->updating = FALSE;
    }
  update_preview (self);
}

static void
on_predefined_selected (RemoraExpressionDialog *self,
                        GParamSpec             *pspec,
                        GtkSingleSelection     *selection)
{
  guint selected = gtk_single_selection_get_selected (selection);

  if (self->updating || selected == GTK_INVALID_LIST_POSITION || selected >= self->predefined_values->len)
    return;

  self->updating = TRUE;
  if (current_relation (self) == REL_PRESENT)
    select_relation (self, REL_EQ);
  gtk_editable_set_text (GTK_EDITABLE (self->value_entry),
                         g_ptr_array_index (self->predefined_values, selected));
  self->updating = FALSE;
  update_preview (self);
}

static void
on_insert_clicked (RemoraExpressionDialog *self,
                   GtkButton              *button)
{
  if (!self->valid || self->filter == NULL || *self->filter == '\0')
    return;
  g_signal_emit (self, signals [INSERT], 0, self->filter);
  gtk_window_close (GTK_WINDOW (self));
}

/* ---- cells ---- */

static void
setup_name_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *expander = gtk_tree_expander_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_tree_expander_set_child (GTK_TREE_EXPANDER (expander), label);
  gtk_list_item_set_child (list_item, expander);
}

static void
bind_name_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  GtkWidget *expander = gtk_list_item_get_child (list_item);
  GtkWidget *label = gtk_tree_expander_get_child (GTK_TREE_EXPANDER (expander));
  g_autoptr(FieldItem) item = gtk_tree_list_row_get_item (row);
  const RemoraFieldInfo *info = remora_field_get (item->id);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), row);
  gtk_label_set_text (GTK_LABEL (label), info->name);
  gtk_widget_set_tooltip_text (label, info->blurb);
}

static void
unbind_name_cell (GtkSignalListItemFactory *factory,
                  GtkListItem              *list_item,
                  gpointer                  user_data)
{
  GtkWidget *expander = gtk_list_item_get_child (list_item);

  gtk_tree_expander_set_list_row (GTK_TREE_EXPANDER (expander), NULL);
}

static void
setup_text_cell (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (GPOINTER_TO_INT (user_data) == 0)
    gtk_widget_add_css_class (label, "monospace");
  else
    gtk_widget_add_css_class (label, "dim-label");
  gtk_list_item_set_child (list_item, label);
}

/* USER_DATA: 0 the field name column, 1 the type column. */
static void
bind_text_cell (GtkSignalListItemFactory *factory,
                GtkListItem              *list_item,
                gpointer                  user_data)
{
  GtkTreeListRow *row = gtk_list_item_get_item (list_item);
  g_autoptr(FieldItem) item = gtk_tree_list_row_get_item (row);
  const RemoraFieldInfo *info = remora_field_get (item->id);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));

  if (GPOINTER_TO_INT (user_data) == 0)
    gtk_label_set_text (label, info->abbrev);
  else
    gtk_label_set_text (label, type_pretty_name (info->type));
}

static void
setup_predefined_cell (GtkSignalListItemFactory *factory,
                       GtkListItem              *list_item,
                       gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "predefined-value");
  gtk_list_item_set_child (list_item, label);
}

static void
bind_predefined_cell (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      RemoraExpressionDialog   *self)
{
  GtkStringObject *name = gtk_list_item_get_item (list_item);
  guint position = gtk_list_item_get_position (list_item);
  GtkWidget *label = gtk_list_item_get_child (list_item);

  gtk_label_set_text (GTK_LABEL (label), gtk_string_object_get_string (name));
  if (position < self->predefined_values->len)
    gtk_widget_set_tooltip_text (label, g_ptr_array_index (self->predefined_values, position));
}

static GtkListItemFactory *
text_factory (int which)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  g_signal_connect (factory, "setup", G_CALLBACK (setup_text_cell), GINT_TO_POINTER (which));
  g_signal_connect (factory, "bind", G_CALLBACK (bind_text_cell), GINT_TO_POINTER (which));
  return factory;
}

/* ---- GObject ---- */

static void
remora_expression_dialog_dispose (GObject *object)
{
  RemoraExpressionDialog *self = REMORA_EXPRESSION_DIALOG (object);

  /* Tearing the widgets down changes selections and text; nothing is
   * left to update. */
  self->updating = TRUE;
  if (self->field_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->field_selection, self);
  if (self->predefined_selection != NULL)
    g_signal_handlers_disconnect_by_data (self->predefined_selection, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), REMORA_TYPE_EXPRESSION_DIALOG);
  g_clear_object (&self->field_selection);
  g_clear_object (&self->predefined_selection);
  g_clear_object (&self->predefined_names);
  G_OBJECT_CLASS (remora_expression_dialog_parent_class)->dispose (object);
}

static void
remora_expression_dialog_finalize (GObject *object)
{
  RemoraExpressionDialog *self = REMORA_EXPRESSION_DIALOG (object);

  g_clear_pointer (&self->protocols, g_ptr_array_unref);
  g_clear_pointer (&self->predefined_values, g_ptr_array_unref);
  g_free (self->search);
  g_free (self->filter);
  G_OBJECT_CLASS (remora_expression_dialog_parent_class)->finalize (object);
}

static void
remora_expression_dialog_class_init (RemoraExpressionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_expression_dialog_dispose;
  object_class->finalize = remora_expression_dialog_finalize;

  signals [INSERT] =
    g_signal_new ("insert",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/remora/Remora/remora-expression-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, search_entry);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, field_view);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, name_column);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, abbrev_column);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, type_column);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, relation_list);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, value_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, value_entry);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, predefined_heading);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, predefined_scroller);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, predefined_view);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, preview_entry);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, message_label);
  gtk_widget_class_bind_template_child (widget_class, RemoraExpressionDialog, insert_button);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_relation_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_value_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_insert_clicked);

  /* A dialog: Escape cancels. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
remora_expression_dialog_init (RemoraExpressionDialog *self)
{
  g_autoptr(GtkListItemFactory) name_factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkListItemFactory) abbrev_factory = text_factory (0);
  g_autoptr(GtkListItemFactory) type_factory = text_factory (1);
  g_autoptr(GtkListItemFactory) predefined_factory = gtk_signal_list_item_factory_new ();

  self->field_id = -1;
  /* The registry is filled on first use, maybe not yet when no capture
   * was opened. */
  remora_dissectors_init ();

  gtk_widget_init_template (GTK_WIDGET (self));
  remora_ui_ensure_css (GTK_WIDGET (self), "/org/remora/Remora/remora-expression-dialog.css");

  g_signal_connect (name_factory, "setup", G_CALLBACK (setup_name_cell), NULL);
  g_signal_connect (name_factory, "bind", G_CALLBACK (bind_name_cell), NULL);
  g_signal_connect (name_factory, "unbind", G_CALLBACK (unbind_name_cell), NULL);
  gtk_column_view_column_set_factory (self->name_column, name_factory);
  gtk_column_view_column_set_factory (self->abbrev_column, abbrev_factory);
  gtk_column_view_column_set_factory (self->type_column, type_factory);

  self->protocols = collect_protocols ();
  self->field_selection = gtk_single_selection_new (NULL);
  gtk_single_selection_set_autoselect (self->field_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->field_selection, TRUE);
  g_signal_connect_swapped (self->field_selection, "notify::selected",
                            G_CALLBACK (on_field_selected), self);
  rebuild_tree (self);

  self->predefined_values = g_ptr_array_new_with_free_func (g_free);
  self->predefined_names = gtk_string_list_new (NULL);
  self->predefined_selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->predefined_names)));
  gtk_single_selection_set_autoselect (self->predefined_selection, FALSE);
  gtk_single_selection_set_can_unselect (self->predefined_selection, TRUE);
  g_signal_connect_swapped (self->predefined_selection, "notify::selected",
                            G_CALLBACK (on_predefined_selected), self);
  g_signal_connect (predefined_factory, "setup", G_CALLBACK (setup_predefined_cell), NULL);
  g_signal_connect (predefined_factory, "bind", G_CALLBACK (bind_predefined_cell), self);
  gtk_list_view_set_factory (self->predefined_view, predefined_factory);
  gtk_list_view_set_model (self->predefined_view, GTK_SELECTION_MODEL (self->predefined_selection));

  update_preview (self);
}

GtkWidget *
remora_expression_dialog_new (GtkWindow *parent)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);

  return g_object_new (REMORA_TYPE_EXPRESSION_DIALOG,
                       "transient-for", parent,
                       NULL);
}

const char *
remora_expression_dialog_get_filter (RemoraExpressionDialog *self)
{
  g_return_val_if_fail (REMORA_IS_EXPRESSION_DIALOG (self), NULL);

  return self->filter != NULL ? self->filter : "";
}

gboolean
remora_expression_dialog_get_valid (RemoraExpressionDialog *self)
{
  g_return_val_if_fail (REMORA_IS_EXPRESSION_DIALOG (self), FALSE);

  return self->valid;
}
