/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remora-ui-css.h"

#include "remora-interface-item.h"

G_BEGIN_DECLS

/* A small traffic graph: the last samples of an interface item, scaled
 * to the largest, drawn in the widget's CSS colour (class "busy" while
 * the latest sample is not zero). */

#define REMORA_TYPE_SPARKLINE (remora_sparkline_get_type ())
G_DECLARE_FINAL_TYPE (RemoraSparkline, remora_sparkline, REMORA, SPARKLINE, GtkWidget)

GtkWidget           *remora_sparkline_new      (void);
void                 remora_sparkline_set_item (RemoraSparkline     *self,
                                                RemoraInterfaceItem *item);
RemoraInterfaceItem *remora_sparkline_get_item (RemoraSparkline     *self);

/* The stylesheet of the capture widgets (remora-capture.css). */
#define REMORA_CAPTURE_CSS "/org/remora/Remora/remora-capture.css"

G_END_DECLS
