/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-sparkline"

#include "config.h"

#include "remora-sparkline.h"

struct _RemoraSparkline {
  GtkWidget            parent_instance;

  RemoraInterfaceItem *item;
  gulong               notify_id;
};

G_DEFINE_FINAL_TYPE (RemoraSparkline, remora_sparkline, GTK_TYPE_WIDGET)

static void
update_busy (RemoraSparkline *self)
{
  if (self->item != NULL && remora_interface_item_get_rate (self->item) > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self), "busy");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "busy");
}

static void
on_rate (RemoraInterfaceItem *item,
         GParamSpec          *pspec,
         RemoraSparkline     *self)
{
  update_busy (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
remora_sparkline_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  RemoraSparkline *self = REMORA_SPARKLINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  const double *samples;
  guint n;
  double max = 0;
  GdkRGBA color;
  cairo_t *cr;

  if (self->item == NULL || width <= 2 || height <= 2)
    return;
  samples = remora_interface_item_get_samples (self->item, &n);
  for (guint i = 0; i < n; i++)
    max = MAX (max, samples[i]);
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  /* Oldest on the left; an idle interface is a flat line at the bottom. */
  for (guint i = 0; i < n; i++)
    {
      double x = 1 + (double) i * (width - 2) / (n - 1);
      double y = height - 1.5 - (max > 0 ? samples[i] / max * (height - 3) : 0);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  gdk_cairo_set_source_rgba (cr, &color);
  cairo_stroke_preserve (cr);
  if (max > 0)
    {
      cairo_line_to (cr, width - 1, height);
      cairo_line_to (cr, 1, height);
      cairo_close_path (cr);
      color.alpha *= 0.25;
      gdk_cairo_set_source_rgba (cr, &color);
      cairo_fill (cr);
    }
  cairo_destroy (cr);
}

static void
remora_sparkline_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 90 : 22;
}

static void
remora_sparkline_dispose (GObject *object)
{
  remora_sparkline_set_item (REMORA_SPARKLINE (object), NULL);
  G_OBJECT_CLASS (remora_sparkline_parent_class)->dispose (object);
}

static void
remora_sparkline_class_init (RemoraSparklineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = remora_sparkline_dispose;
  widget_class->snapshot = remora_sparkline_snapshot;
  widget_class->measure = remora_sparkline_measure;
  gtk_widget_class_set_css_name (widget_class, "sparkline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
remora_sparkline_init (RemoraSparkline *self)
{
  gtk_widget_set_valign (GTK_WIDGET (self), GTK_ALIGN_CENTER);
}

GtkWidget *
remora_sparkline_new (void)
{
  return g_object_new (REMORA_TYPE_SPARKLINE, NULL);
}

void
remora_sparkline_set_item (RemoraSparkline     *self,
                           RemoraInterfaceItem *item)
{
  g_return_if_fail (REMORA_IS_SPARKLINE (self));

  if (self->item == item)
    return;
  if (self->item != NULL)
    {
      g_clear_signal_handler (&self->notify_id, self->item);
      g_clear_object (&self->item);
    }
  if (item != NULL)
    {
      self->item = g_object_ref (item);
      self->notify_id = g_signal_connect (item, "notify::rate", G_CALLBACK (on_rate), self);
    }
  update_busy (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

RemoraInterfaceItem *
remora_sparkline_get_item (RemoraSparkline *self)
{
  g_return_val_if_fail (REMORA_IS_SPARKLINE (self), NULL);

  return self->item;
}
