/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The start page's interface list (also Capture > Interfaces): every
 * interface the helper lists, in its order, with its traffic sampled once
 * a second while the list is on screen.  Double-clicking a row, or Start,
 * emits "start-capture" with the selected interface names (a GStrv). */

#define REMORA_TYPE_INTERFACE_CHOOSER (remora_interface_chooser_get_type ())
G_DECLARE_FINAL_TYPE (RemoraInterfaceChooser, remora_interface_chooser, REMORA, INTERFACE_CHOOSER, GtkBox)

GtkWidget  *remora_interface_chooser_new                (void);
/* Lists the interfaces again (done once when the widget is first shown). */
void        remora_interface_chooser_reload             (RemoraInterfaceChooser *self);
/* The RemoraInterfaceItems shown. */
GListModel *remora_interface_chooser_get_model          (RemoraInterfaceChooser *self);
GStrv       remora_interface_chooser_dup_selected_names (RemoraInterfaceChooser *self);
void        remora_interface_chooser_select_names       (RemoraInterfaceChooser *self,
                                                         const char * const     *names);

G_END_DECLS
