/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "remora-capture-document.h"
#include "remora-hex-view.h"
#include "remora-packet-list.h"
#include "remora-proto-tree.h"
#include "remora-window.h"

G_BEGIN_DECLS

/* The window is split by concern across files that share this struct:
 *   remora-window.c          document, loading, title, status, packet list, actions
 *   remora-window-details.c  the protocol tree and bytes panes of the selected packet
 */
struct _RemoraWindow
{
  GtkApplicationWindow   parent_instance;

  RemoraCaptureDocument *document;
  GCancellable          *load_cancellable;
  RemoraPacketList      *packet_list;
  GtkSingleSelection    *selection;

  /* the selected packet, dissected in tree mode (or NULL) */
  RemoraPacketSnapshot  *snapshot;

  /* template widgets */
  GtkLabel              *title_label;
  GtkLabel              *subtitle_label;
  GtkInfoBar            *error_bar;
  GtkLabel              *error_label;
  GtkStack              *stack;
  GtkSpinner            *spinner;
  GtkPaned              *main_paned;
  GtkPaned              *details_paned;
  GtkColumnView         *column_view;
  RemoraProtoTree       *proto_tree;
  GtkNotebook           *bytes_notebook;
  GtkLabel              *packets_label;
  GtkLabel              *file_label;
};

void _remora_window_details_class_init (GtkWidgetClass *widget_class);
void _remora_window_details_init       (RemoraWindow   *self);
void _remora_window_details_dispose    (RemoraWindow   *self);
/* Shows frame NUMBER (0: none) in the tree and bytes panes. */
void _remora_window_details_show_frame (RemoraWindow   *self,
                                        guint           number);

G_END_DECLS
