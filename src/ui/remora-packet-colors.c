/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remora-packet-colors"

#include "config.h"

#include "remora-packet-colors.h"

#include "remora-coloring-rules.h"

/* The classes, made once from the rules' names; the rule set itself is
 * only needed for its names and colours, which every instance shares. */
static GPtrArray *
css_classes (void)
{
  static gsize classes = 0;

  if (g_once_init_enter (&classes))
    {
      g_autoptr(RemoraColoringRules) rules = remora_coloring_rules_new_default ();
      GPtrArray *made = g_ptr_array_new ();

      for (guint i = 0; i < remora_coloring_rules_get_n_rules (rules); i++)
        {
          const char *name = remora_coloring_rules_get_name (rules, i);
          GString *css_class = g_string_new ("packet-color-");
          gboolean dash = FALSE;

          for (const char *c = name; *c != '\0'; c++)
            {
              if (g_ascii_isalnum (*c))
                {
                  if (dash)
                    g_string_append_c (css_class, '-');
                  g_string_append_c (css_class, g_ascii_tolower (*c));
                  dash = FALSE;
                }
              else
                dash = css_class->str[css_class->len - 1] != '-';
            }
          g_ptr_array_add (made, g_string_free (css_class, FALSE));
        }
      g_once_init_leave (&classes, (gsize) made);
    }
  return (GPtrArray *) classes;
}

const char *
remora_packet_colors_get_css_class (int rule)
{
  GPtrArray *classes = css_classes ();

  if (rule < 0 || (guint) rule >= classes->len)
    return NULL;
  return g_ptr_array_index (classes, rule);
}

static void
append_rgb (GString         *css,
            const RemoraRgb *rgb)
{
  g_string_append_printf (css, "#%02x%02x%02x", rgb->red >> 8, rgb->green >> 8, rgb->blue >> 8);
}

void
remora_packet_colors_ensure_css (GdkDisplay *display)
{
  g_autoptr(RemoraColoringRules) rules = NULL;
  g_autoptr(GtkCssProvider) provider = NULL;
  g_autoptr(GString) css = NULL;

  g_return_if_fail (GDK_IS_DISPLAY (display));

  if (g_object_get_data (G_OBJECT (display), "remora-packet-colors-css") != NULL)
    return;

  rules = remora_coloring_rules_new_default ();
  css = g_string_new (NULL);
  for (guint i = 0; i < remora_coloring_rules_get_n_rules (rules); i++)
    {
      RemoraRgb foreground, background;

      remora_coloring_rules_get_colors (rules, i, &foreground, &background);
      /* A selected row keeps the theme's selection colours: the rule's
       * would hide which row is selected. */
      g_string_append_printf (css,
                              "columnview.packet-list > listview > row:not(:selected) > cell.%s {\n"
                              "  background-color: ",
                              remora_packet_colors_get_css_class ((int) i));
      append_rgb (css, &background);
      g_string_append (css, ";\n  color: ");
      append_rgb (css, &foreground);
      g_string_append (css, ";\n}\n");
    }

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, css->str, (gssize) css->len);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "remora-packet-colors-css",
                          g_object_ref (provider), g_object_unref);
}

void
remora_packet_colors_apply (GtkWidget *cell,
                            int        rule)
{
  static GQuark applied_quark;
  const char *old_class;
  const char *new_class = remora_packet_colors_get_css_class (rule);

  g_return_if_fail (GTK_IS_WIDGET (cell));

  if (applied_quark == 0)
    applied_quark = g_quark_from_static_string ("remora-packet-color");
  old_class = g_object_get_qdata (G_OBJECT (cell), applied_quark);
  if (old_class == new_class)
    return;
  if (old_class != NULL)
    gtk_widget_remove_css_class (cell, old_class);
  if (new_class != NULL)
    gtk_widget_add_css_class (cell, new_class);
  /* The strings live as long as the process. */
  g_object_set_qdata (G_OBJECT (cell), applied_quark, (gpointer) new_class);
}
