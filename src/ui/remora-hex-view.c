/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-hex-view"

#include "config.h"

#include "remora-hex-view.h"

#include <math.h>
#include <string.h>

#define BYTES_PER_LINE 16
#define PADDING        6

/* Character columns of one line, D being the offset's digits:
 *
 *   D    2  8 x "xx " + 1 + 8 x "xx "  2   16 ASCII
 *   0000  02 00 5e 10 00 02 02 00  5e 10 00 01 08 00 45 00   ..^.....^.....E.
 */
#define HEX_GAP    2
#define ASCII_GAP  3

struct _RemoraHexView
{
  GtkWidget      parent_instance;

  GBytes        *bytes;
  guint          sel_start;
  guint          sel_length;
  guint          ctx_start;
  guint          ctx_length;

  GtkAdjustment *hadjustment;
  GtkAdjustment *vadjustment;
  guint          hscroll_policy : 1;
  guint          vscroll_policy : 1;
  guint          scroll_to_selection : 1;

  /* From the font, refreshed when the style changes. */
  double         char_width;
  int            line_height;
  guint          offset_digits;
};

enum {
  PROP_0,
  PROP_BYTES,
  N_PROPS,

  /* GtkScrollable */
  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum {
  BYTE_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

G_DEFINE_FINAL_TYPE_WITH_CODE (RemoraHexView, remora_hex_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* ---- geometry ---- */

static gsize
n_bytes (RemoraHexView *self)
{
  return self->bytes != NULL ? g_bytes_get_size (self->bytes) : 0;
}

static guint
n_lines (RemoraHexView *self)
{
  return (guint) ((n_bytes (self) + BYTES_PER_LINE - 1) / BYTES_PER_LINE);
}

static guint
hex_column (RemoraHexView *self,
            guint          i)
{
  return self->offset_digits + HEX_GAP + i * 3 + (i >= 8 ? 1 : 0);
}

static guint
ascii_column (RemoraHexView *self,
              guint          i)
{
  return hex_column (self, BYTES_PER_LINE - 1) + 2 + ASCII_GAP + i;
}

static guint
line_columns (RemoraHexView *self)
{
  return ascii_column (self, BYTES_PER_LINE);
}

static double
column_x (RemoraHexView *self,
          guint          column)
{
  return PADDING + column * self->char_width;
}

static double
scroll_x (RemoraHexView *self)
{
  return self->hadjustment != NULL ? gtk_adjustment_get_value (self->hadjustment) : 0;
}

static double
scroll_y (RemoraHexView *self)
{
  return self->vadjustment != NULL ? gtk_adjustment_get_value (self->vadjustment) : 0;
}

static void
update_offset_digits (RemoraHexView *self)
{
  gsize last = n_bytes (self) > 0 ? n_bytes (self) - 1 : 0;
  guint digits = 4;

  /* Four digits, more when the buffer (a reassembled PDU) needs them. */
  while (digits < 16 && (last >> (digits * 4)) != 0)
    digits++;
  self->offset_digits = digits;
}

static void
update_metrics (RemoraHexView *self)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  static const char sample[] = "0123456789abcdef0123456789abcdef";
  int width;
  int height;

  /* Monospace: the average advance over a run is the advance of each. */
  pango_layout_set_text (layout, sample, -1);
  pango_layout_get_size (layout, &width, &height);
  self->char_width = (double) width / PANGO_SCALE / (sizeof sample - 1);
  self->line_height = MAX (1, PANGO_PIXELS_CEIL (height));
}

static void
configure_adjustment (GtkAdjustment *adjustment,
                      double         content,
                      double         page,
                      double         step)
{
  double upper = MAX (content, page);
  double value = CLAMP (gtk_adjustment_get_value (adjustment), 0, upper - page);

  gtk_adjustment_configure (adjustment, value, 0, upper, step, page * 0.9, page);
}

static void
scroll_selection_into_view (RemoraHexView *self)
{
  double page = gtk_widget_get_height (GTK_WIDGET (self));
  double top;
  double bottom;

  if (self->vadjustment == NULL || self->sel_length == 0 || page <= 0)
    return;
  top = PADDING + (double) (self->sel_start / BYTES_PER_LINE) * self->line_height;
  bottom = PADDING + (double) ((self->sel_start + self->sel_length - 1) / BYTES_PER_LINE + 1) * self->line_height;
  if (top < scroll_y (self) || bottom - top > page)
    gtk_adjustment_set_value (self->vadjustment, top - PADDING);
  else if (bottom > scroll_y (self) + page)
    gtk_adjustment_set_value (self->vadjustment, bottom - page + PADDING);
}

/* ---- drawing ---- */

static void
lookup_color (GtkStyleContext *context,
              const char      *name,
              const char      *fallback,
              GdkRGBA         *rgba)
{
  if (!gtk_style_context_lookup_color (context, name, rgba))
    gdk_rgba_parse (rgba, fallback);
}

static void
add_foreground (PangoAttrList *attrs,
                const GdkRGBA *rgba,
                guint          start,
                guint          end)
{
  PangoAttribute *attr;

  attr = pango_attr_foreground_new ((guint16) (rgba->red * 65535),
                                    (guint16) (rgba->green * 65535),
                                    (guint16) (rgba->blue * 65535));
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
  attr = pango_attr_foreground_alpha_new ((guint16) (rgba->alpha * 65535));
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
}

/* The part of [START, START + LENGTH) on LINE, as byte indexes in the line. */
static gboolean
range_on_line (guint  start,
               guint  length,
               guint  line,
               gsize  size,
               guint *first,
               guint *last)
{
  guint64 line_start = (guint64) line * BYTES_PER_LINE;
  guint64 line_end = MIN (line_start + BYTES_PER_LINE, (guint64) size);
  guint64 end = (guint64) start + length;

  if (length == 0 || start >= line_end || end <= line_start)
    return FALSE;
  *first = (guint) (MAX ((guint64) start, line_start) - line_start);
  *last = (guint) (MIN (end, line_end) - 1 - line_start);
  return TRUE;
}

static void
append_range_rects (RemoraHexView  *self,
                    GtkSnapshot    *snapshot,
                    const GdkRGBA  *color,
                    double          y,
                    guint           first,
                    guint           last)
{
  double x0 = column_x (self, hex_column (self, first));
  double x1 = column_x (self, hex_column (self, last) + 2);

  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x0, y, x1 - x0, self->line_height));
  x0 = column_x (self, ascii_column (self, first));
  x1 = column_x (self, ascii_column (self, last) + 1);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x0, y, x1 - x0, self->line_height));
}

static void
remora_hex_view_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  RemoraHexView *self = REMORA_HEX_VIEW (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  g_autoptr(PangoLayout) layout = NULL;
  g_autoptr(GString) text = NULL;
  const guint8 *data;
  gsize size;
  GdkRGBA fg;
  GdkRGBA dim;
  GdkRGBA sel_bg;
  GdkRGBA sel_fg;
  GdkRGBA ctx_bg;
  guint first_line;
  guint end_line;

  size = n_bytes (self);
  if (size == 0 || width <= 0 || height <= 0)
    return;
  data = g_bytes_get_data (self->bytes, NULL);

  gtk_style_context_get_color (context, &fg);
  dim = fg;
  dim.alpha *= 0.55f;
  lookup_color (context, "theme_selected_bg_color", "#3584e4", &sel_bg);
  lookup_color (context, "theme_selected_fg_color", "#ffffff", &sel_fg);
  ctx_bg = sel_bg;
  ctx_bg.alpha = 0.18f;

  /* Only the lines that meet the visible rows. */
  first_line = (guint) (MAX (0.0, scroll_y (self) - PADDING) / self->line_height);
  end_line = MIN (n_lines (self),
                  (guint) ((scroll_y (self) + height - PADDING) / self->line_height) + 1);

  layout = gtk_widget_create_pango_layout (widget, NULL);
  text = g_string_sized_new (line_columns (self) + 1);

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-scroll_x (self), -scroll_y (self)));

  for (guint line = first_line; line < end_line; line++)
    {
      g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
      gsize line_start = (gsize) line * BYTES_PER_LINE;
      guint count = (guint) MIN ((gsize) BYTES_PER_LINE, size - line_start);
      double y = PADDING + (double) line * self->line_height;
      guint first;
      guint last;

      g_string_truncate (text, 0);
      g_string_append_printf (text, "%0*" G_GSIZE_MODIFIER "x", (int) self->offset_digits, line_start);
      while (text->len < line_columns (self))
        g_string_append_c (text, ' ');
      for (guint i = 0; i < count; i++)
        {
          static const char hex[] = "0123456789abcdef";
          guint8 byte = data[line_start + i];

          text->str[hex_column (self, i)] = hex[byte >> 4];
          text->str[hex_column (self, i) + 1] = hex[byte & 0xf];
          text->str[ascii_column (self, i)] = g_ascii_isprint (byte) ? (char) byte : '.';
        }
      g_string_truncate (text, ascii_column (self, count));

      add_foreground (attrs, &dim, 0, self->offset_digits);
      if (range_on_line (self->ctx_start, self->ctx_length, line, size, &first, &last))
        append_range_rects (self, snapshot, &ctx_bg, y, first, last);
      if (range_on_line (self->sel_start, self->sel_length, line, size, &first, &last))
        {
          append_range_rects (self, snapshot, &sel_bg, y, first, last);
          add_foreground (attrs, &sel_fg, hex_column (self, first), hex_column (self, last) + 2);
          add_foreground (attrs, &sel_fg, ascii_column (self, first), ascii_column (self, last) + 1);
        }

      pango_layout_set_text (layout, text->str, (int) text->len);
      pango_layout_set_attributes (layout, attrs);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (PADDING, y));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
    }

  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

/* ---- size ---- */

static void
remora_hex_view_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  RemoraHexView *self = REMORA_HEX_VIEW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 0;
      *natural = (int) ceil (column_x (self, line_columns (self))) + PADDING;
    }
  else
    {
      *minimum = 0;
      *natural = 2 * PADDING + (int) n_lines (self) * self->line_height;
    }
}

static void
remora_hex_view_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  RemoraHexView *self = REMORA_HEX_VIEW (widget);

  if (self->hadjustment != NULL)
    configure_adjustment (self->hadjustment,
                          ceil (column_x (self, line_columns (self))) + PADDING,
                          width, self->char_width);
  if (self->vadjustment != NULL)
    configure_adjustment (self->vadjustment,
                          2 * PADDING + (double) n_lines (self) * self->line_height,
                          height, self->line_height);
  if (self->scroll_to_selection)
    {
      self->scroll_to_selection = FALSE;
      scroll_selection_into_view (self);
    }
}

static void
remora_hex_view_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  RemoraHexView *self = REMORA_HEX_VIEW (widget);

  GTK_WIDGET_CLASS (remora_hex_view_parent_class)->css_changed (widget, change);

  update_metrics (self);
  gtk_widget_queue_resize (widget);
}

/* ---- input ---- */

static void
on_pressed (GtkGestureClick *gesture,
            int              n_press,
            double           x,
            double           y,
            RemoraHexView   *self)
{
  guint offset;

  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (remora_hex_view_offset_at (self, x, y, &offset))
    g_signal_emit (self, signals [BYTE_ACTIVATED], 0, offset);
}

/* The arrows step from the selected byte, as a cursor would. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                RemoraHexView         *self)
{
  gsize size = n_bytes (self);
  gint64 offset = self->sel_length > 0 ? self->sel_start : 0;

  if (size == 0 || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  switch (keyval)
    {
    case GDK_KEY_Left:  offset -= 1;              break;
    case GDK_KEY_Right: offset += 1;              break;
    case GDK_KEY_Up:    offset -= BYTES_PER_LINE; break;
    case GDK_KEY_Down:  offset += BYTES_PER_LINE; break;
    default:
      return FALSE;
    }
  if (offset >= 0 && (gsize) offset < size)
    g_signal_emit (self, signals [BYTE_ACTIVATED], 0, (guint) offset);
  return TRUE;
}

static void
on_adjustment_changed (GtkAdjustment *adjustment,
                       RemoraHexView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (RemoraHexView  *self,
                GtkAdjustment **slot,
                GtkAdjustment  *adjustment)
{
  if (*slot == adjustment)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, on_adjustment_changed, self);
  g_set_object (slot, adjustment);
  if (adjustment != NULL)
    g_signal_connect (adjustment, "value-changed", G_CALLBACK (on_adjustment_changed), self);
  gtk_widget_queue_allocate (GTK_WIDGET (self));
}

/* ---- public ---- */

GtkWidget *
remora_hex_view_new (void)
{
  return g_object_new (REMORA_TYPE_HEX_VIEW, NULL);
}

void
remora_hex_view_set_bytes (RemoraHexView *self,
                           GBytes        *bytes)
{
  g_return_if_fail (REMORA_IS_HEX_VIEW (self));

  if (self->bytes == bytes)
    return;
  g_clear_pointer (&self->bytes, g_bytes_unref);
  if (bytes != NULL)
    self->bytes = g_bytes_ref (bytes);
  self->sel_start = self->sel_length = 0;
  self->ctx_start = self->ctx_length = 0;
  update_offset_digits (self);
  if (self->vadjustment != NULL)
    gtk_adjustment_set_value (self->vadjustment, 0);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_BYTES]);
}

GBytes *
remora_hex_view_get_bytes (RemoraHexView *self)
{
  g_return_val_if_fail (REMORA_IS_HEX_VIEW (self), NULL);

  return self->bytes;
}

void
remora_hex_view_set_selection (RemoraHexView *self,
                               guint          start,
                               guint          length)
{
  g_return_if_fail (REMORA_IS_HEX_VIEW (self));

  if (length == 0)
    start = 0;
  if (self->sel_start == start && self->sel_length == length)
    return;
  self->sel_start = start;
  self->sel_length = length;
  if (gtk_widget_get_height (GTK_WIDGET (self)) > 0)
    scroll_selection_into_view (self);
  else
    self->scroll_to_selection = TRUE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
remora_hex_view_get_selection (RemoraHexView *self,
                               guint         *start,
                               guint         *length)
{
  g_return_if_fail (REMORA_IS_HEX_VIEW (self));

  if (start != NULL)
    *start = self->sel_start;
  if (length != NULL)
    *length = self->sel_length;
}

void
remora_hex_view_set_context (RemoraHexView *self,
                             guint          start,
                             guint          length)
{
  g_return_if_fail (REMORA_IS_HEX_VIEW (self));

  if (length == 0)
    start = 0;
  if (self->ctx_start == start && self->ctx_length == length)
    return;
  self->ctx_start = start;
  self->ctx_length = length;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
remora_hex_view_get_context (RemoraHexView *self,
                             guint         *start,
                             guint         *length)
{
  g_return_if_fail (REMORA_IS_HEX_VIEW (self));

  if (start != NULL)
    *start = self->ctx_start;
  if (length != NULL)
    *length = self->ctx_length;
}

gboolean
remora_hex_view_offset_at (RemoraHexView *self,
                           double         x,
                           double         y,
                           guint         *offset)
{
  double line_f;
  double column_f;
  guint line;
  guint column;
  guint64 found;

  g_return_val_if_fail (REMORA_IS_HEX_VIEW (self), FALSE);

  line_f = (y + scroll_y (self) - PADDING) / self->line_height;
  column_f = (x + scroll_x (self) - PADDING) / self->char_width;
  if (line_f < 0 || column_f < 0 || line_f >= n_lines (self))
    return FALSE;
  line = (guint) line_f;
  column = (guint) column_f;

  for (guint i = 0; i < BYTES_PER_LINE; i++)
    {
      /* A byte's hex cell takes the space after it too, so a click
       * between two bytes is not lost. */
      if ((column >= hex_column (self, i) && column < hex_column (self, i) + 3) ||
          column == ascii_column (self, i))
        {
          found = (guint64) line * BYTES_PER_LINE + i;
          if (found >= n_bytes (self))
            return FALSE;
          if (offset != NULL)
            *offset = (guint) found;
          return TRUE;
        }
    }
  return FALSE;
}

gboolean
remora_hex_view_get_byte_area (RemoraHexView   *self,
                               guint            offset,
                               graphene_rect_t *area)
{
  double x;
  double y;

  g_return_val_if_fail (REMORA_IS_HEX_VIEW (self), FALSE);
  g_return_val_if_fail (area != NULL, FALSE);

  if (offset >= n_bytes (self))
    return FALSE;
  x = column_x (self, hex_column (self, offset % BYTES_PER_LINE)) - scroll_x (self);
  y = PADDING + (double) (offset / BYTES_PER_LINE) * self->line_height - scroll_y (self);
  graphene_rect_init (area, (float) x, (float) y, (float) (2 * self->char_width), (float) self->line_height);
  return TRUE;
}

/* ---- object ---- */

static void
remora_hex_view_dispose (GObject *object)
{
  RemoraHexView *self = REMORA_HEX_VIEW (object);

  set_adjustment (self, &self->hadjustment, NULL);
  set_adjustment (self, &self->vadjustment, NULL);
  g_clear_pointer (&self->bytes, g_bytes_unref);

  G_OBJECT_CLASS (remora_hex_view_parent_class)->dispose (object);
}

static void
remora_hex_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  RemoraHexView *self = REMORA_HEX_VIEW (object);

  switch (prop_id)
    {
    case PROP_BYTES:
      g_value_set_boxed (value, self->bytes);
      break;

    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;

    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;

    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;

    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_hex_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  RemoraHexView *self = REMORA_HEX_VIEW (object);

  switch (prop_id)
    {
    case PROP_BYTES:
      remora_hex_view_set_bytes (self, g_value_get_boxed (value));
      break;

    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value));
      break;

    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value));
      break;

    case PROP_HSCROLL_POLICY:
      self->hscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    case PROP_VSCROLL_POLICY:
      self->vscroll_policy = g_value_get_enum (value);
      gtk_widget_queue_resize (GTK_WIDGET (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remora_hex_view_class_init (RemoraHexViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_hex_view_dispose;
  object_class->get_property = remora_hex_view_get_property;
  object_class->set_property = remora_hex_view_set_property;

  widget_class->snapshot = remora_hex_view_snapshot;
  widget_class->measure = remora_hex_view_measure;
  widget_class->size_allocate = remora_hex_view_size_allocate;
  widget_class->css_changed = remora_hex_view_css_changed;

  properties [PROP_BYTES] =
    g_param_spec_boxed ("bytes", NULL, NULL,
                        G_TYPE_BYTES,
                        (G_PARAM_READWRITE |
                         G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * RemoraHexView::byte-activated:
   * @offset: the byte clicked, or reached with the arrow keys
   */
  signals [BYTE_ACTIVATED] =
    g_signal_new ("byte-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL,
                  g_cclosure_marshal_VOID__UINT,
                  G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_css_name (widget_class, "hexview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
remora_hex_view_init (RemoraHexView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);

  self->char_width = 8;
  self->line_height = 16;
  update_offset_digits (self);
}
