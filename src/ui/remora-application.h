/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "remora-types.h"

G_BEGIN_DECLS

#define REMORA_APPLICATION_ID "org.remora.Remora"

#define REMORA_TYPE_APPLICATION (remora_application_get_type ())

G_DECLARE_FINAL_TYPE (RemoraApplication, remora_application, REMORA, APPLICATION, GtkApplication)

RemoraApplication *remora_application_new (void);

G_END_DECLS
