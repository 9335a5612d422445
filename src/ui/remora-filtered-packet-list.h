/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remora-display-index.h"
#include "remora-types.h"

G_BEGIN_DECLS

#define REMORA_TYPE_FILTERED_PACKET_LIST (remora_filtered_packet_list_get_type ())

G_DECLARE_FINAL_TYPE (RemoraFilteredPacketList, remora_filtered_packet_list, REMORA, FILTERED_PACKET_LIST, GObject)

RemoraFilteredPacketList *remora_filtered_packet_list_new                (RemoraCaptureDocument    *document);
RemoraCaptureDocument    *remora_filtered_packet_list_get_document       (RemoraFilteredPacketList *self);
/* Another capture: shows all of its frames again (the index is dropped). */
void                      remora_filtered_packet_list_set_document       (RemoraFilteredPacketList *self,
                                                                          RemoraCaptureDocument    *document);
/* NULL while every frame of the document is shown. */
RemoraDisplayIndex       *remora_filtered_packet_list_get_index          (RemoraFilteredPacketList *self);
/* Shows the frames of INDEX (NULL: all frames, following the document as
 * it grows) with one items-changed covering only the rows that differ.
 * A count-only index is refused. */
void                      remora_filtered_packet_list_set_index          (RemoraFilteredPacketList *self,
                                                                          RemoraDisplayIndex       *index);
/* The same for an INDEX that only adds frames after those shown (a live
 * capture's filter after a batch): one append, without comparing the
 * rows both share. */
void                      remora_filtered_packet_list_grow_index         (RemoraFilteredPacketList *self,
                                                                          RemoraDisplayIndex       *index);
/* The frame number at POSITION, 0 when out of range. */
guint                     remora_filtered_packet_list_get_frame_number   (RemoraFilteredPacketList *self,
                                                                          guint                     position);
/* The frame shown before frame NUMBER in capture order, whatever order
 * the list is sorted in (frame.time_delta_displayed counts from it); 0
 * for none. */
guint                     remora_filtered_packet_list_get_displayed_before (RemoraFilteredPacketList *self,
                                                                            guint                     number);
/* Where frame NUMBER is shown, or GTK_INVALID_LIST_POSITION's value
 * G_MAXUINT when it is filtered out.  Its row is in the list on return
 * (see remora_filtered_packet_list_show_position ()). */
guint                     remora_filtered_packet_list_find_frame         (RemoraFilteredPacketList *self,
                                                                          guint                     number);
/* Rows a display filter's result brings in join the list a few dozen at
 * a time at first (GTK builds a widget for each of the first couple of
 * hundred at once), so for a tenth of a second the list may hold fewer
 * items than it displays.  This is the count it displays: the status bar's
 * figure. */
guint                     remora_filtered_packet_list_get_n_displayed    (RemoraFilteredPacketList *self);
/* Makes sure the row at POSITION (below the displayed count) is in the
 * list now: before selecting or scrolling to it. */
void                      remora_filtered_packet_list_show_position      (RemoraFilteredPacketList *self,
                                                                          guint                     position);

G_END_DECLS
