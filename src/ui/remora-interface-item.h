/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "remora-interface-list.h"

G_BEGIN_DECLS

/* One interface in the chooser and in Capture Options: what the helper
 * said of it, its traffic (sampled from sysfs once a second by the view
 * that shows it), and what the user chose for it in Capture Options. */

#define REMORA_INTERFACE_ITEM_N_SAMPLES 60

#define REMORA_TYPE_INTERFACE_ITEM (remora_interface_item_get_type ())
G_DECLARE_FINAL_TYPE (RemoraInterfaceItem, remora_interface_item, REMORA, INTERFACE_ITEM, GObject)

RemoraInterfaceItem       *remora_interface_item_new            (const RemoraInterfaceInfo *info);
const RemoraInterfaceInfo *remora_interface_item_get_info       (RemoraInterfaceItem *self);
const char                *remora_interface_item_get_name       (RemoraInterfaceItem *self);
/* "192.0.2.2, fd00::2" or "" */
char                      *remora_interface_item_dup_addresses_text (RemoraInterfaceItem *self);

/* Reads the counter and pushes packets/second since the last call;
 * notifies "packets" (counted since the first sample) and "rate". */
void                       remora_interface_item_sample         (RemoraInterfaceItem *self);
guint64                    remora_interface_item_get_packets    (RemoraInterfaceItem *self);
double                     remora_interface_item_get_rate       (RemoraInterfaceItem *self);
/* The last REMORA_INTERFACE_ITEM_N_SAMPLES rates, oldest first. */
const double              *remora_interface_item_get_samples    (RemoraInterfaceItem *self,
                                                                 guint               *n_samples);

/* A store of items, filled from remora_interface_list_load_async();
 * CALLBACK (may be NULL) runs once it is filled, with the helper's problem
 * (NULL when it listed them). */
typedef void (*RemoraInterfaceStoreLoaded) (GListStore *store,
                                            const char *helper_problem,
                                            gpointer    user_data);
void                       remora_interface_store_load          (GListStore                 *store,
                                                                 GCancellable               *cancellable,
                                                                 RemoraInterfaceStoreLoaded  callback,
                                                                 gpointer                    user_data);
/* Samples every item of STORE. */
void                       remora_interface_store_sample        (GListModel                 *store);

G_END_DECLS
