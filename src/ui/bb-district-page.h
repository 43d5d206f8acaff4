/* bb-district-page.h: a district's page: its officer, advisory group, partners, problems, incidents and meetings */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "bb-store.h"

G_BEGIN_DECLS

#define BB_TYPE_DISTRICT_PAGE (bb_district_page_get_type ())
G_DECLARE_FINAL_TYPE (BbDistrictPage, bb_district_page, BB, DISTRICT_PAGE, AdwBin)

/* Reads the district's page off the main thread and shows it. */
void        bb_district_page_show        (BbDistrictPage *self,
                                          BbStore        *store,
                                          const char     *district_id);
const char *bb_district_page_get_district_id (BbDistrictPage *self);
gboolean    bb_district_page_is_loading  (BbDistrictPage *self);
/* For tests: the titles of the groups shown, e.g. "Advisory Group". */
GStrv       bb_district_page_dup_group_titles (BbDistrictPage *self);

G_END_DECLS
