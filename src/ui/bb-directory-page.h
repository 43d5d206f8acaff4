/* bb-directory-page.h: the Directory page: districts, officers and partners */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_DIRECTORY_PAGE (bb_directory_page_get_type ())
G_DECLARE_FINAL_TYPE (BbDirectoryPage, bb_directory_page, BB, DIRECTORY_PAGE, AdwBin)

BbStore       *bb_directory_page_get_store       (BbDirectoryPage *self);
void           bb_directory_page_set_store       (BbDirectoryPage *self,
                                                  BbStore         *store);
AdwStatusPage *bb_directory_page_get_status_page (BbDirectoryPage *self);

G_END_DECLS
