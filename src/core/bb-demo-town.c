/* bb-demo-town.c: the fictional demo town: districts, streets, river, parks, landmarks and its incidents */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bb-demo-town"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "bb-demo-town.h"

/* The town is laid out in metres around its centre (x east, y north) and
 * converted to WGS84 once; every coordinate is rounded to 1e-6° as it is
 * made, so that what is stored, drawn and tested is the same number. */

#define TOWN_HALF_W     3000.0
#define TOWN_HALF_H     2500.0
#define RIVER_HALF_W      22.0
#define GRID_NX           37
#define GRID_NY           34
#define BUCKET_M         150.0
#define N_DAYS           731

typedef struct {
  double x0, y0, x1, y1;
  double length;
  double along0;      /* distance from the start of its street line */
  guint  street;      /* index into the town's streets */
  double weight;      /* how many people live or pass along it */
  gboolean main_road;
} Segment;

typedef struct {
  GArray  *segments;          /* Segment: every segment that has addresses */
  GPtrArray *street_names;    /* one per street line, owned */
  guint   *bucket_start;      /* CSR index of segments by BUCKET_M cells */
  guint   *bucket_items;
  int      nbx, nby;
  double   bmin_x, bmin_y;
  double  *background_cumulative;
  double  *traffic_cumulative;
  double   district_xy[BB_DEMO_TOWN_N_DISTRICTS][2];
  double   hot_xy[BB_DEMO_N_HOT_SPOTS][2];
} TownPrivate;

static const char * const district_names[BB_DEMO_TOWN_N_DISTRICTS] = {
  /* south row, west to east; then the middle and the north rows */
  "Fusha", "Bregu i Lumit", "Lagjja e Re", "Vreshtat",
  "Kalaja", "Qendra", "Pazari", "Stacioni",
  "Lisat", "Kodra e Diellit", "Pallatet e Veriut", "Ujëvara",
};

static const guint district_population[BB_DEMO_TOWN_N_DISTRICTS] = {
  2900, 3600, 4100, 2600,
  3300, 5200, 4800, 3900,
  2800, 4300, 6400, 2500,
};

static const char * const male_names[] = {
  "Arben", "Besnik", "Dritan", "Ermal", "Fatmir", "Gentian", "Ilir", "Kastriot",
  "Klodian", "Leonard", "Luan", "Mirel", "Olsi", "Petrit", "Redon", "Sokol",
  "Tomorr", "Valon", "Ylli", "Zef", "Agron", "Bledar", "Edmond", "Shpëtim",
};
static const char * const female_names[] = {
  "Alketa", "Anila", "Blerina", "Dorina", "Elira", "Entela", "Flutura", "Greta",
  "Ilda", "Jonida", "Klea", "Lindita", "Majlinda", "Mimoza", "Ornela", "Rudina",
  "Suela", "Teuta", "Valbona", "Xhensila", "Arjola", "Brunilda", "Eglantina", "Manjola",
};
static const char * const surnames[] = {
  "Hoxhaj", "Krasniqi", "Lleshi", "Marku", "Dervishi", "Shehu", "Gjoka", "Basha",
  "Kola", "Leka", "Muça", "Prendi", "Rama", "Sula", "Tafaj", "Zeneli",
  "Bregu", "Çela", "Dedja", "Ferra", "Gjini", "Halili", "Kurti", "Memaj",
  "Nika", "Pjetri", "Qosja", "Spahiu", "Toska", "Vata",
};

/* Street names as towns in the region name them: writers, dates, trees. */
static const char * const street_names[] = {
  "Rruga Naim Frashëri", "Rruga Sami Frashëri", "Rruga Ismail Qemali", "Rruga Gjergj Fishta",
  "Rruga Migjeni", "Rruga Lasgush Poradeci", "Rruga Andon Zako Çajupi", "Rruga Jeronim De Rada",
  "Rruga Pashko Vasa", "Rruga Luigj Gurakuqi", "Rruga Fan Noli", "Rruga Asdreni",
  "Rruga Ndre Mjeda", "Rruga Faik Konica", "Rruga Mit'hat Frashëri", "Rruga Kristo Frasheri",
  "Rruga 28 Nëntori", "Rruga 1 Maji", "Rruga 7 Marsi", "Rruga 10 Korriku",
  "Rruga e Lisave", "Rruga e Ullinjve", "Rruga e Rrapit", "Rruga e Qershive",
  "Rruga e Arrave", "Rruga e Pishave", "Rruga e Blirëve", "Rruga e Shegëve",
  "Rruga e Vreshtave", "Rruga e Kodrës", "Rruga e Mullirit", "Rruga e Burimit",
  "Rruga e Shkollës", "Rruga e Kishës", "Rruga e Xhamisë", "Rruga e Fshatit",
  "Rruga e Kopshteve", "Rruga e Fushës së Vogël", "Rruga e Bletëve", "Rruga e Zejtarëve",
  "Rruga e Farkëtarëve", "Rruga e Argjendarëve", "Rruga e Tregtarëve", "Rruga e Punëtorëve",
  "Rruga e Pavarësisë", "Rruga e Bashkimit", "Rruga e Paqes", "Rruga e Rinisë",
  "Rruga e Diellit", "Rruga e Hënës", "Rruga e Yjeve", "Rruga e Erës",
  "Rruga Dëshmorët e Kombit", "Rruga Isa Boletini", "Rruga Hasan Prishtina", "Rruga Bajram Curri",
  "Rruga Abdyl Frashëri", "Rruga Hoxha Tahsim", "Rruga Thimi Mitko", "Rruga Spiro Dine",
  "Rruga Ndoc Nikaj", "Rruga Dora d'Istria", "Rruga Marie Shllaku", "Rruga Urani Rumbo",
  "Rruga Parashqevi Qiriazi", "Rruga Sevasti Qiriazi", "Rruga Musine Kokalari", "Rruga Drita Kosturi",
  "Rruga e Gështenjave", "Rruga e Manave", "Rruga e Fikut", "Rruga e Kumbullës",
  "Rruga e Dardhës", "Rruga e Mollëve", "Rruga e Trëndafilave", "Rruga e Zambakëve",
  "Rruga e Karafilave", "Rruga e Vjollcave", "Rruga e Kalldrëmit", "Rruga e Urës së Vjetër",
};

/* ------------------------------------------------------------------ */
/* Time in the town: CET with the EU summer time rule                  */

static gint64
days_from_civil (int y,
                 int m,
                 int d)
{
  /* Howard Hinnant's days_from_civil: days since 1970-01-01. */
  int era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return (gint64) era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era, doe, yoe, doy, mp;
  int y;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = (int) (yoe + era * 400);
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *day = (int) (doy - (153 * mp + 2) / 5 + 1);
  *month = (int) (mp < 10 ? mp + 3 : mp - 9);
  *year = y + (*month <= 2);
}

static gint64
last_sunday_utc_1am (int year,
                     int month)
{
  gint64 last = days_from_civil (year, month, 31);
  /* 1970-01-01 was a Thursday; 0 = Sunday below. */
  int weekday = (int) (((last + 4) % 7 + 7) % 7);

  return (last - weekday) * 86400 + 3600;
}

int
bb_demo_town_utc_offset (gint64 utc)
{
  int year, month, day;

  civil_from_days (utc >= 0 ? utc / 86400 : (utc - 86399) / 86400, &year, &month, &day);
  if (utc >= last_sunday_utc_1am (year, 3) && utc < last_sunday_utc_1am (year, 10))
    return 7200;
  return 3600;
}

gint64
bb_demo_town_local_to_utc (int year,
                           int month,
                           int day,
                           int hour,
                           int minute)
{
  gint64 local = days_from_civil (year, month, day) * 86400 + hour * 3600 + minute * 60;

  /* The offset that applies an hour before is right except inside the
   * skipped hour of spring, which nobody plans meetings in. */
  return local - bb_demo_town_utc_offset (local - 7200);
}

void
bb_demo_format_utc (gint64 utc,
                    char   out[21])
{
  gint64 days = utc >= 0 ? utc / 86400 : (utc - 86399) / 86400;
  gint64 secs = utc - days * 86400;
  int year, month, day;

  civil_from_days (days, &year, &month, &day);
  g_snprintf (out, 21, "%04d-%02d-%02dT%02d:%02d:%02dZ", year, month, day,
              (int) (secs / 3600), (int) (secs / 60 % 60), (int) (secs % 60));
}

void
bb_demo_format_local_date (gint64 utc,
                           char   out[11])
{
  gint64 local = utc + bb_demo_town_utc_offset (utc);
  int year, month, day;

  civil_from_days (local >= 0 ? local / 86400 : (local - 86399) / 86400, &year, &month, &day);
  g_snprintf (out, 11, "%04d-%02d-%02d", year, month, day);
}

/* ------------------------------------------------------------------ */
/* People                                                              */

void
bb_demo_person_name (BbRandom *random,
                     gboolean  female,
                     char     *out,
                     gsize     out_size)
{
  const char *first = female ? bb_random_pick (random, female_names, G_N_ELEMENTS (female_names))
                             : bb_random_pick (random, male_names, G_N_ELEMENTS (male_names));

  g_snprintf (out, out_size, "%s %s", first,
              bb_random_pick (random, surnames, G_N_ELEMENTS (surnames)));
}

void
bb_demo_phone (BbRandom *random,
               char     *out,
               gsize     out_size)
{
  /* The 60 prefix is not given to any Albanian network. */
  g_snprintf (out, out_size, "+355 60 %03d %04d",
              (int) bb_random_int_range (random, 100, 1000),
              (int) bb_random_int_range (random, 0, 10000));
}

/* ------------------------------------------------------------------ */
/* Geometry in metres                                                  */

static double
round6 (double v)
{
  return round (v * 1e6) / 1e6;
}

static void
to_lonlat (const BbDemoTown *town,
           double            x,
           double            y,
           BbLonLat         *out)
{
  double lon, lat;

  bb_local_projection_inverse (&town->projection, x, y, &lon, &lat);
  out->lon = round6 (lon);
  out->lat = round6 (lat);
}

static void
to_xy (const BbDemoTown *town,
       double            lon,
       double            lat,
       double           *x,
       double           *y)
{
  bb_local_projection_forward (&town->projection, lon, lat, x, y);
}

static double
river_y (double x)
{
  return -350.0 + 180.0 * sin (x / 900.0 + 0.7) + 90.0 * sin (x / 370.0 + 2.1);
}

static gboolean
in_river (double x,
          double y,
          double margin)
{
  return fabs (y - river_y (x)) < RIVER_HALF_W + margin;
}

int
bb_demo_town_district_at (const BbDemoTown *town,
                          double            lon,
                          double            lat)
{
  g_return_val_if_fail (town != NULL, -1);

  for (guint i = 0; i < BB_DEMO_TOWN_N_DISTRICTS; i++)
    {
      const BbDemoDistrict *d = &town->districts[i];

      if (bb_bbox_contains (&d->bbox, lon, lat)
          && bb_ring_contains (d->ring, d->n_ring, lon, lat))
        return (int) i;
    }
  return -1;
}

static int
district_at_xy (const BbDemoTown *town,
                double            x,
                double            y)
{
  BbLonLat p;

  to_lonlat (town, x, y, &p);
  return bb_demo_town_district_at (town, p.lon, p.lat);
}

static gboolean
in_park_xy (const BbDemoTown *town,
            double            x,
            double            y)
{
  for (guint i = 0; i < town->parks->len; i++)
    {
      const BbDemoArea *park = g_ptr_array_index (town->parks, i);
      BbLonLat p;

      to_lonlat (town, x, y, &p);
      if (bb_ring_contains (park->ring, park->n_ring, p.lon, p.lat))
        return TRUE;
    }
  return FALSE;
}

static BbLonLat *
ring_from_xy (const BbDemoTown *town,
              const double     *xy,
              guint             n,
              guint            *n_ring)
{
  BbLonLat *ring = g_new (BbLonLat, n + 1);

  for (guint i = 0; i < n; i++)
    to_lonlat (town, xy[2 * i], xy[2 * i + 1], &ring[i]);
  ring[n] = ring[0];
  *n_ring = n + 1;
  return ring;
}

BbLonLat *
bb_demo_town_circle (const BbDemoTown *town,
                     double            lon,
                     double            lat,
                     double            radius_m,
                     guint             n_sides,
                     guint            *n_ring)
{
  g_autofree double *xy = g_new (double, 2 * n_sides);
  double cx, cy;

  to_xy (town, lon, lat, &cx, &cy);
  for (guint i = 0; i < n_sides; i++)
    {
      double a = 2 * G_PI * i / n_sides;

      xy[2 * i] = cx + radius_m * cos (a);
      xy[2 * i + 1] = cy + radius_m * sin (a);
    }
  return ring_from_xy (town, xy, n_sides, n_ring);
}

static BbDemoArea *
make_blob (const BbDemoTown *town,
           BbRandom         *rng,
           const char       *name,
           double            cx,
           double            cy,
           double            rx,
           double            ry)
{
  BbDemoArea *area = g_new0 (BbDemoArea, 1);
  double xy[2 * 24];

  for (guint i = 0; i < 24; i++)
    {
      double a = 2 * G_PI * i / 24;
      double wobble = 1.0 + bb_random_uniform (rng, -0.08, 0.08);

      xy[2 * i] = cx + rx * wobble * cos (a);
      xy[2 * i + 1] = cy + ry * wobble * sin (a);
    }
  area->name = g_strdup (name);
  area->ring = ring_from_xy (town, xy, 24, &area->n_ring);
  return area;
}

static void
area_free (gpointer data)
{
  BbDemoArea *area = data;

  g_free (area->name);
  g_free (area->ring);
  g_free (area);
}

static void
street_free (gpointer data)
{
  BbDemoStreet *street = data;

  g_free (street->name);
  g_free (street->points);
  g_free (street);
}

static void
landmark_free (gpointer data)
{
  BbDemoLandmark *landmark = data;

  g_free (landmark->name);
  g_free (landmark);
}

/* ------------------------------------------------------------------ */
/* Districts: a jittered 4 × 3 grid whose edges are shared             */

#define DNX 4
#define DNY 3
#define EDGE_PTS 3

static void
build_districts (BbDemoTown *town,
                 BbRandom   *rng)
{
  TownPrivate *priv = town->priv;
  double vx[DNX + 1][DNY + 1], vy[DNX + 1][DNY + 1];
  /* intermediate points of horizontal edges (i → i+1 at row j) and
   * vertical edges (j → j+1 at column i) */
  double hx[DNX][DNY + 1][EDGE_PTS], hy[DNX][DNY + 1][EDGE_PTS];
  double ux[DNX + 1][DNY][EDGE_PTS], uy[DNX + 1][DNY][EDGE_PTS];
  GArray *outline;

  for (int i = 0; i <= DNX; i++)
    for (int j = 0; j <= DNY; j++)
      {
        gboolean edge_x = i == 0 || i == DNX;
        gboolean edge_y = j == 0 || j == DNY;

        vx[i][j] = -TOWN_HALF_W + i * (2 * TOWN_HALF_W / DNX);
        vy[i][j] = -TOWN_HALF_H + j * (2 * TOWN_HALF_H / DNY);
        vx[i][j] += bb_random_uniform (rng, edge_x ? -150 : -250, edge_x ? 150 : 250);
        vy[i][j] += bb_random_uniform (rng, edge_y ? -150 : -220, edge_y ? 150 : 220);
      }

  for (int i = 0; i < DNX; i++)
    for (int j = 0; j <= DNY; j++)
      for (int k = 0; k < EDGE_PTS; k++)
        {
          double t = (k + 1.0) / (EDGE_PTS + 1);
          double amp = (j == 0 || j == DNY) ? 140 : 70;

          hx[i][j][k] = vx[i][j] + t * (vx[i + 1][j] - vx[i][j]) + bb_random_uniform (rng, -30, 30);
          hy[i][j][k] = vy[i][j] + t * (vy[i + 1][j] - vy[i][j]) + bb_random_uniform (rng, -amp, amp);
        }
  for (int i = 0; i <= DNX; i++)
    for (int j = 0; j < DNY; j++)
      for (int k = 0; k < EDGE_PTS; k++)
        {
          double t = (k + 1.0) / (EDGE_PTS + 1);
          double amp = (i == 0 || i == DNX) ? 140 : 70;

          ux[i][j][k] = vx[i][j] + t * (vx[i][j + 1] - vx[i][j]) + bb_random_uniform (rng, -amp, amp);
          uy[i][j][k] = vy[i][j] + t * (vy[i][j + 1] - vy[i][j]) + bb_random_uniform (rng, -30, 30);
        }

  for (int j = 0; j < DNY; j++)
    for (int i = 0; i < DNX; i++)
      {
        BbDemoDistrict *d = &town->districts[j * DNX + i];
        double xy[2 * 4 * (EDGE_PTS + 1)];
        guint n = 0;
        double sx = 0, sy = 0;

#define PUT(X, Y) G_STMT_START { xy[2 * n] = (X); xy[2 * n + 1] = (Y); n++; } G_STMT_END
        /* counter-clockwise: south edge eastwards, east edge northwards,
         * north edge westwards, west edge southwards */
        PUT (vx[i][j], vy[i][j]);
        for (int k = 0; k < EDGE_PTS; k++)
          PUT (hx[i][j][k], hy[i][j][k]);
        PUT (vx[i + 1][j], vy[i + 1][j]);
        for (int k = 0; k < EDGE_PTS; k++)
          PUT (ux[i + 1][j][k], uy[i + 1][j][k]);
        PUT (vx[i + 1][j + 1], vy[i + 1][j + 1]);
        for (int k = EDGE_PTS - 1; k >= 0; k--)
          PUT (hx[i][j + 1][k], hy[i][j + 1][k]);
        PUT (vx[i][j + 1], vy[i][j + 1]);
        for (int k = EDGE_PTS - 1; k >= 0; k--)
          PUT (ux[i][j][k], uy[i][j][k]);
#undef PUT

        d->ring = ring_from_xy (town, xy, n, &d->n_ring);
        bb_bbox_init_empty (&d->bbox);
        for (guint k = 0; k < d->n_ring; k++)
          bb_bbox_extend (&d->bbox, d->ring[k].lon, d->ring[k].lat);
        for (guint k = 0; k < n; k++)
          {
            sx += xy[2 * k];
            sy += xy[2 * k + 1];
          }
        priv->district_xy[j * DNX + i][0] = sx / n;
        priv->district_xy[j * DNX + i][1] = sy / n;
        {
          BbLonLat c;

          to_lonlat (town, sx / n, sy / n, &c);
          d->centre_lon = c.lon;
          d->centre_lat = c.lat;
        }
        d->name = g_strdup (district_names[j * DNX + i]);
        d->code = g_strdup_printf ("KB-%02d", j * DNX + i + 1);
        d->population = district_population[j * DNX + i]
                        + (guint) bb_random_int_range (rng, 0, 200);
      }

  /* The outline walks the outer edges with the very same points. */
  outline = g_array_new (FALSE, FALSE, sizeof (double));
#define OUT(X, Y) G_STMT_START { double _p[2] = { (X), (Y) }; g_array_append_vals (outline, _p, 2); } G_STMT_END
  for (int i = 0; i < DNX; i++)
    {
      OUT (vx[i][0], vy[i][0]);
      for (int k = 0; k < EDGE_PTS; k++)
        OUT (hx[i][0][k], hy[i][0][k]);
    }
  for (int j = 0; j < DNY; j++)
    {
      OUT (vx[DNX][j], vy[DNX][j]);
      for (int k = 0; k < EDGE_PTS; k++)
        OUT (ux[DNX][j][k], uy[DNX][j][k]);
    }
  for (int i = DNX; i > 0; i--)
    {
      OUT (vx[i][DNY], vy[i][DNY]);
      for (int k = EDGE_PTS - 1; k >= 0; k--)
        OUT (hx[i - 1][DNY][k], hy[i - 1][DNY][k]);
    }
  for (int j = DNY; j > 0; j--)
    {
      OUT (vx[0][j], vy[0][j]);
      for (int k = EDGE_PTS - 1; k >= 0; k--)
        OUT (ux[0][j - 1][k], uy[0][j - 1][k]);
    }
#undef OUT
  town->outline = ring_from_xy (town, (double *) outline->data, outline->len / 2, &town->n_outline);
  bb_bbox_init_empty (&town->bbox);
  for (guint k = 0; k < town->n_outline; k++)
    bb_bbox_extend (&town->bbox, town->outline[k].lon, town->outline[k].lat);
  g_array_unref (outline);
}

/* ------------------------------------------------------------------ */
/* Streets: a warped, thinned grid with main roads, bridges and quays  */

typedef struct {
  BbDemoTown *town;
  GArray     *piece;      /* doubles: x, y of the street being built */
  const char *name;
  BbDemoStreetClass street_class;
  guint       line;       /* index into priv->street_names */
} StreetBuilder;

static void
flush_piece (StreetBuilder *b)
{
  BbDemoStreet *street;
  guint n = b->piece->len / 2;

  if (n >= 2)
    {
      street = g_new0 (BbDemoStreet, 1);
      street->name = g_strdup (b->name);
      street->street_class = b->street_class;
      street->n_points = n;
      street->points = g_new (BbLonLat, n);
      for (guint i = 0; i < n; i++)
        to_lonlat (b->town, g_array_index (b->piece, double, 2 * i),
                   g_array_index (b->piece, double, 2 * i + 1), &street->points[i]);
      g_ptr_array_add (b->town->streets, street);
    }
  g_array_set_size (b->piece, 0);
}

static void
piece_add (StreetBuilder *b,
           double         x,
           double         y)
{
  guint n = b->piece->len / 2;

  if (n > 0 && g_array_index (b->piece, double, 2 * n - 2) == x
      && g_array_index (b->piece, double, 2 * n - 1) == y)
    return;
  g_array_append_val (b->piece, x);
  g_array_append_val (b->piece, y);
}

static void
add_segment (StreetBuilder *b,
             double         x0,
             double         y0,
             double         x1,
             double         y1,
             double         along0,
             gboolean       addressable)
{
  TownPrivate *priv = b->town->priv;
  Segment s = { x0, y0, x1, y1, hypot (x1 - x0, y1 - y0), along0, b->line, 0,
                b->street_class != BB_DEMO_STREET_RESIDENTIAL };

  piece_add (b, x0, y0);
  piece_add (b, x1, y1);
  if (addressable && s.length > 1)
    g_array_append_val (priv->segments, s);
}

static void
add_bridge (StreetBuilder *b,
            const char    *bridge_name,
            double         x0,
            double         y0,
            double         x1,
            double         y1)
{
  BbDemoStreet *street = g_new0 (BbDemoStreet, 1);

  street->name = g_strdup (bridge_name);
  street->street_class = b->street_class;
  street->bridge = TRUE;
  street->n_points = 2;
  street->points = g_new (BbLonLat, 2);
  to_lonlat (b->town, x0, y0, &street->points[0]);
  to_lonlat (b->town, x1, y1, &street->points[1]);
  g_ptr_array_add (b->town->streets, street);
}

/* Where a segment leaves the river's banks, as fractions along it. */
static void
river_crossing (double  x0,
                double  y0,
                double  x1,
                double  y1,
                double *t_in,
                double *t_out)
{
  *t_in = 0;
  *t_out = 1;
  for (int k = 0; k <= 400; k++)
    {
      double t = k / 400.0;

      if (in_river (x0 + t * (x1 - x0), y0 + t * (y1 - y0), 12))
        {
          if (*t_in == 0)
            *t_in = MAX (0, t - 1 / 400.0);
          *t_out = MIN (1, t + 1 / 400.0);
        }
    }
}

typedef struct {
  int               index;       /* column or row */
  gboolean          vertical;
  BbDemoStreetClass street_class;
  const char       *name;
  const char       *bridge;      /* NULL: the road stops at the river */
  gboolean          extends;     /* leaves the town as a regional road */
} MainRoad;

static int
nearest_index (double value,
               double origin,
               double step)
{
  return (int) floor ((value - origin) / step + 0.5);
}

static void
build_streets (BbDemoTown *town,
               BbRandom   *rng)
{
  TownPrivate *priv = town->priv;
  const double step_x = 2 * (TOWN_HALF_W + 300) / (GRID_NX - 1);
  const double step_y = 2 * (TOWN_HALF_H + 300) / (GRID_NY - 1);
  const double ox = -(TOWN_HALF_W + 300), oy = -(TOWN_HALF_H + 300);
  const double old_town_x = -200, old_town_y = 350;
  const double bar_x = old_town_x - 150;
  double nx[GRID_NX][GRID_NY], ny[GRID_NX][GRID_NY];
  gboolean inside[GRID_NX][GRID_NY];
  double line_jx[GRID_NX], line_jy[GRID_NY];
  guint perm[G_N_ELEMENTS (street_names)];
  MainRoad mains[6];
  guint n_mains = 0, next_name = 0;
  StreetBuilder b = { town, g_array_new (FALSE, FALSE, sizeof (double)), NULL, 0, 0 };
  int bar_row;

  for (guint i = 0; i < G_N_ELEMENTS (perm); i++)
    perm[i] = i;
  for (guint i = G_N_ELEMENTS (perm) - 1; i > 0; i--)
    {
      guint j = (guint) bb_random_int_range (rng, 0, i + 1);
      guint t = perm[i];

      perm[i] = perm[j];
      perm[j] = t;
    }

  for (int i = 0; i < GRID_NX; i++)
    line_jx[i] = bb_random_uniform (rng, -25, 25);
  for (int j = 0; j < GRID_NY; j++)
    line_jy[j] = bb_random_uniform (rng, -25, 25);

  for (int i = 0; i < GRID_NX; i++)
    for (int j = 0; j < GRID_NY; j++)
      {
        double gx = ox + i * step_x + line_jx[i];
        double gy = oy + j * step_y + line_jy[j];
        double x = gx + 45 * sin (gy / 650 + 0.4) + bb_random_uniform (rng, -10, 10);
        double y = gy + 35 * sin (gx / 800 + 1.3) + bb_random_uniform (rng, -10, 10);
        double dx = x - old_town_x, dy = y - old_town_y;
        double r = hypot (dx, dy);

        /* The old town's lanes twist around the market square. */
        if (r < 900)
          {
            double a = 0.4 * (1 - r / 900) * (1 - r / 900);

            x = old_town_x + dx * cos (a) - dy * sin (a);
            y = old_town_y + dx * sin (a) + dy * cos (a);
          }
        nx[i][j] = x;
        ny[i][j] = y;
        inside[i][j] = district_at_xy (town, x, y) >= 0;
      }

  mains[n_mains++] = (MainRoad) { nearest_index (-150, ox, step_x), TRUE, BB_DEMO_STREET_PRIMARY,
                                  "Bulevardi Skënderbeu", "Ura e Qytetit", TRUE };
  mains[n_mains++] = (MainRoad) { nearest_index (650, oy, step_y), FALSE, BB_DEMO_STREET_PRIMARY,
                                  "Bulevardi i Pavarësisë", NULL, TRUE };
  mains[n_mains++] = (MainRoad) { nearest_index (1500, ox, step_x), TRUE, BB_DEMO_STREET_SECONDARY,
                                  "Rruga e Stacionit", "Ura e Re", FALSE };
  mains[n_mains++] = (MainRoad) { nearest_index (-1800, ox, step_x), TRUE, BB_DEMO_STREET_SECONDARY,
                                  "Rruga e Kalasë", NULL, FALSE };
  mains[n_mains++] = (MainRoad) { nearest_index (-1300, oy, step_y), FALSE, BB_DEMO_STREET_SECONDARY,
                                  "Rruga e Fushës", NULL, TRUE };
  bar_row = nearest_index (650, oy, step_y) - 1;
  mains[n_mains++] = (MainRoad) { bar_row, FALSE, BB_DEMO_STREET_RESIDENTIAL,
                                  "Rruga e Kafeneve", NULL, FALSE };

  for (int pass = 0; pass < 2; pass++)
    for (int line = 0; line < (pass == 0 ? GRID_NX : GRID_NY); line++)
      {
        gboolean vertical = pass == 0;
        const MainRoad *main_road = NULL;
        int n_nodes = vertical ? GRID_NY : GRID_NX;
        double along = 0;
        int prev = -1;

        for (guint m = 0; m < n_mains; m++)
          if (mains[m].vertical == vertical && mains[m].index == line)
            main_road = &mains[m];

        if (main_road != NULL)
          {
            b.name = main_road->name;
            b.street_class = main_road->street_class;
          }
        else
          {
            b.name = street_names[perm[next_name++ % G_N_ELEMENTS (perm)]];
            b.street_class = BB_DEMO_STREET_RESIDENTIAL;
          }
        g_ptr_array_add (priv->street_names, g_strdup (b.name));
        b.line = priv->street_names->len - 1;

        for (int k = 0; k < n_nodes; k++)
          {
            int i = vertical ? line : k, j = vertical ? k : line;
            double x = nx[i][j], y = ny[i][j];
            gboolean usable = inside[i][j];
            gboolean crosses_ok = main_road != NULL && main_road->bridge != NULL;
            double px, py, seg_along;
            gboolean keep;

            if (usable && in_river (x, y, crosses_ok ? 15 : 60))
              usable = FALSE;
            if (!usable)
              {
                /* A bridge road skips over the river's nodes. */
                if (!(crosses_ok && inside[i][j]))
                  {
                    flush_piece (&b);
                    prev = -1;
                  }
                continue;
              }
            if (prev < 0)
              {
                prev = k;
                continue;
              }

            px = vertical ? nx[line][prev] : nx[prev][line];
            py = vertical ? ny[line][prev] : ny[prev][line];
            seg_along = along;
            along += hypot (x - px, y - py);

            if (main_road != NULL && main_road->street_class != BB_DEMO_STREET_RESIDENTIAL)
              keep = TRUE;
            else if (main_road != NULL && fabs ((x + px) / 2 - bar_x) < 700)
              keep = TRUE;
            else
              {
                double r = hypot ((x + px) / 2 - old_town_x, (y + py) / 2 - old_town_y);
                double p = 0.93 - 0.3 * MIN (1.0, r / 3200);

                if (hypot ((x + px) / 2 - 900, (y + py) / 2 - 1800) < 380)
                  p = 0.4; /* the estate's big blocks */
                keep = bb_random_chance (rng, p)
                       && !in_park_xy (town, (x + px) / 2, (y + py) / 2)
                       && (river_y (x) > y) == (river_y (px) > py);
              }

            if (!keep)
              flush_piece (&b);
            else if ((river_y (x) > y) != (river_y (px) > py))
              {
                double t_in, t_out;
                double ax, ay, bx, by;

                if (main_road == NULL || main_road->bridge == NULL)
                  {
                    flush_piece (&b);
                    prev = k;
                    continue;
                  }
                river_crossing (px, py, x, y, &t_in, &t_out);
                ax = px + t_in * (x - px);
                ay = py + t_in * (y - py);
                bx = px + t_out * (x - px);
                by = py + t_out * (y - py);
                add_segment (&b, px, py, ax, ay, seg_along, TRUE);
                flush_piece (&b);
                add_bridge (&b, main_road->bridge, ax, ay, bx, by);
                add_segment (&b, bx, by, x, y, seg_along + t_out * hypot (x - px, y - py), TRUE);
              }
            else
              add_segment (&b, px, py, x, y, seg_along, TRUE);
            prev = k;
          }
        flush_piece (&b);
      }

  /* Regional roads leave the town along the main roads' directions. */
  for (guint m = 0; m < n_mains; m++)
    {
      const MainRoad *mr = &mains[m];
      int n_nodes = mr->vertical ? GRID_NY : GRID_NX;
      int first = -1, last = -1;

      if (!mr->extends)
        continue;
      for (int k = 0; k < n_nodes; k++)
        {
          int i = mr->vertical ? mr->index : k, j = mr->vertical ? k : mr->index;

          if (inside[i][j])
            {
              if (first < 0)
                first = k;
              last = k;
            }
        }
      if (first < 0)
        continue;
      b.name = mr->name;
      b.street_class = mr->street_class;
      for (int end = 0; end < 2; end++)
        {
          int k = end == 0 ? first : last;
          int i = mr->vertical ? mr->index : k, j = mr->vertical ? k : mr->index;
          double x = nx[i][j], y = ny[i][j];
          double dx = mr->vertical ? 0 : (end == 0 ? -1 : 1);
          double dy = mr->vertical ? (end == 0 ? -1 : 1) : 0;

          piece_add (&b, x, y);
          piece_add (&b, x + dx * 700 + dy * 60, y + dy * 700 + dx * 40);
          piece_add (&b, x + dx * 1500 + dy * 20, y + dy * 1500 - dx * 90);
          flush_piece (&b);
        }
    }

  /* Quays on both banks. */
  for (int bank = 0; bank < 2; bank++)
    {
      double along = 0, px = 0, py = 0;
      gboolean have_prev = FALSE;

      b.name = bank == 0 ? "Rruga e Lumit" : "Bregu i Lumit";
      b.street_class = BB_DEMO_STREET_SECONDARY;
      g_ptr_array_add (priv->street_names, g_strdup (b.name));
      b.line = priv->street_names->len - 1;
      for (double x = -TOWN_HALF_W - 500; x <= TOWN_HALF_W + 500; x += 60)
        {
          double y = river_y (x) + (bank == 0 ? 1 : -1) * (RIVER_HALF_W + 30);

          if (district_at_xy (town, x, y) < 0)
            {
              flush_piece (&b);
              have_prev = FALSE;
              continue;
            }
          if (have_prev)
            {
              add_segment (&b, px, py, x, y, along, TRUE);
              along += hypot (x - px, y - py);
            }
          px = x;
          py = y;
          have_prev = TRUE;
        }
      flush_piece (&b);
    }

  /* The bar street's hot spot sits on its middle stretch. */
  {
    double best = G_MAXDOUBLE;

    for (int i = 0; i < GRID_NX; i++)
      {
        double d = fabs (nx[i][bar_row] - bar_x);

        if (d < best)
          {
            best = d;
            priv->hot_xy[BB_DEMO_HOT_SPOT_BAR_STREET][0] = nx[i][bar_row];
            priv->hot_xy[BB_DEMO_HOT_SPOT_BAR_STREET][1] = ny[i][bar_row];
          }
      }
  }

  g_array_unref (b.piece);
}

static void
index_segments (BbDemoTown *town)
{
  TownPrivate *priv = town->priv;
  guint n = priv->segments->len;
  double max_x = -G_MAXDOUBLE, max_y = -G_MAXDOUBLE;
  guint n_buckets, total = 0;
  g_autofree guint *fill = NULL;
  double bg = 0, tr = 0;

  priv->bmin_x = priv->bmin_y = G_MAXDOUBLE;
  for (guint k = 0; k < n; k++)
    {
      const Segment *s = &g_array_index (priv->segments, Segment, k);

      priv->bmin_x = MIN (priv->bmin_x, MIN (s->x0, s->x1));
      priv->bmin_y = MIN (priv->bmin_y, MIN (s->y0, s->y1));
      max_x = MAX (max_x, MAX (s->x0, s->x1));
      max_y = MAX (max_y, MAX (s->y0, s->y1));
    }
  priv->nbx = (int) ((max_x - priv->bmin_x) / BUCKET_M) + 1;
  priv->nby = (int) ((max_y - priv->bmin_y) / BUCKET_M) + 1;
  n_buckets = priv->nbx * priv->nby;
  priv->bucket_start = g_new0 (guint, n_buckets + 1);
  fill = g_new0 (guint, n_buckets);

  for (int pass = 0; pass < 2; pass++)
    {
      for (guint k = 0; k < n; k++)
        {
          const Segment *s = &g_array_index (priv->segments, Segment, k);
          int bx0 = (int) ((MIN (s->x0, s->x1) - priv->bmin_x) / BUCKET_M);
          int bx1 = (int) ((MAX (s->x0, s->x1) - priv->bmin_x) / BUCKET_M);
          int by0 = (int) ((MIN (s->y0, s->y1) - priv->bmin_y) / BUCKET_M);
          int by1 = (int) ((MAX (s->y0, s->y1) - priv->bmin_y) / BUCKET_M);

          for (int by = by0; by <= by1; by++)
            for (int bx = bx0; bx <= bx1; bx++)
              {
                guint cell = by * priv->nbx + bx;

                if (pass == 0)
                  priv->bucket_start[cell + 1]++;
                else
                  priv->bucket_items[priv->bucket_start[cell] + fill[cell]++] = k;
              }
        }
      if (pass == 0)
        {
          for (guint c = 0; c < n_buckets; c++)
            priv->bucket_start[c + 1] += priv->bucket_start[c];
          total = priv->bucket_start[n_buckets];
          priv->bucket_items = g_new (guint, MAX (total, 1));
        }
    }

  /* Where the background of incidents falls: more where more people live
   * (the centre, the estate), traffic on the main roads. */
  priv->background_cumulative = g_new (double, n);
  priv->traffic_cumulative = g_new (double, n);
  for (guint k = 0; k < n; k++)
    {
      Segment *s = &g_array_index (priv->segments, Segment, k);
      double mx = (s->x0 + s->x1) / 2, my = (s->y0 + s->y1) / 2;
      double r2 = mx * mx + (my - 300) * (my - 300);
      double e2 = (mx - 900) * (mx - 900) + (my - 1800) * (my - 1800);
      double density = 0.3 + exp (-r2 / (2 * 1400.0 * 1400.0)) + 1.2 * exp (-e2 / (2 * 350.0 * 350.0));

      s->weight = s->length * density * (s->main_road ? 1.3 : 1.0);
      bg += s->weight;
      tr += s->length * (0.5 + density) * (s->main_road ? 5.0 : 1.0);
      priv->background_cumulative[k] = bg;
      priv->traffic_cumulative[k] = tr;
    }
}

static const Segment *
nearest_segment (const BbDemoTown *town,
                 double            x,
                 double            y)
{
  TownPrivate *priv = town->priv;
  int cx = (int) floor ((x - priv->bmin_x) / BUCKET_M);
  int cy = (int) floor ((y - priv->bmin_y) / BUCKET_M);
  const Segment *best = NULL;
  double best_d2 = G_MAXDOUBLE;

  for (int r = 1; r < 40 && (best == NULL || best_d2 > (r - 1) * BUCKET_M * (r - 1) * BUCKET_M); r++)
    for (int by = cy - r; by <= cy + r; by++)
      for (int bx = cx - r; bx <= cx + r; bx++)
        {
          guint cell;

          /* rings after the first only add their border */
          if (r > 1 && by > cy - r && by < cy + r && bx > cx - r && bx < cx + r)
            continue;
          if (bx < 0 || by < 0 || bx >= priv->nbx || by >= priv->nby)
            continue;
          cell = by * priv->nbx + bx;
          for (guint q = priv->bucket_start[cell]; q < priv->bucket_start[cell + 1]; q++)
            {
              const Segment *s = &g_array_index (priv->segments, Segment, priv->bucket_items[q]);
              double vx = s->x1 - s->x0, vy = s->y1 - s->y0;
              double t = ((x - s->x0) * vx + (y - s->y0) * vy) / (s->length * s->length);
              double ex, ey, d2;

              t = CLAMP (t, 0, 1);
              ex = s->x0 + t * vx - x;
              ey = s->y0 + t * vy - y;
              d2 = ex * ex + ey * ey;
              if (d2 < best_d2)
                {
                  best_d2 = d2;
                  best = s;
                }
            }
        }
  return best;
}

static void
format_address (const BbDemoTown *town,
                const Segment    *s,
                double            x,
                double            y,
                char             *out,
                gsize             out_size)
{
  TownPrivate *priv = town->priv;
  double vx = s->x1 - s->x0, vy = s->y1 - s->y0;
  double t = CLAMP (((x - s->x0) * vx + (y - s->y0) * vy) / (s->length * s->length), 0, 1);
  double along = s->along0 + t * s->length;
  gboolean left = vx * (y - s->y0) - vy * (x - s->x0) > 0;
  guint number = 1 + 2 * (guint) (along / 18.0) + (left ? 0 : 1);

  g_snprintf (out, out_size, "%s %u",
              (const char *) g_ptr_array_index (priv->street_names, s->street), number);
}

void
bb_demo_town_address_at (const BbDemoTown *town,
                         double            lon,
                         double            lat,
                         char             *out,
                         gsize             out_size)
{
  double x, y;
  const Segment *s;

  g_return_if_fail (town != NULL && out != NULL && out_size > 0);

  to_xy (town, lon, lat, &x, &y);
  s = nearest_segment (town, x, y);
  if (s == NULL)
    out[0] = '\0';
  else
    format_address (town, s, x, y, out, out_size);
}

/* ------------------------------------------------------------------ */
/* Parks, landmarks, hot spots                                         */

typedef struct {
  const char *name;
  const char *kind;
  double      x, y;
} LandmarkSpec;

static const LandmarkSpec landmark_specs[] = {
  { "Komisariati i Policisë Kodrabardhë", "police", -250, 820 },
  { "Bashkia Kodrabardhë", "town_hall", -60, 560 },
  { "Pazari i Qytetit", "market", 650, 250 },
  { "Stacioni i Autobusëve", "bus_station", 1600, 560 },
  { "Spitali Rajonal Kodrabardhë", "hospital", -1300, 1500 },
  { "Qendra Shëndetësore Nr. 2", "clinic", 1200, -1500 },
  { "Shkolla 9-vjeçare “Naim Frashëri”", "school", -1800, 1250 },
  { "Shkolla 9-vjeçare “Lasgush Poradeci”", "school", 1300, 1700 },
  { "Shkolla 9-vjeçare “Bajram Curri”", "school", -700, -1400 },
  { "Gjimnazi “Sami Frashëri”", "school", 300, 1100 },
  { "Shkolla Profesionale Kodrabardhë", "school", 2200, -950 },
  { "Xhamia e Pazarit", "place_of_worship", 820, 120 },
  { "Kisha e Shën Mërisë", "place_of_worship", -600, 250 },
  { "Stadiumi i Qytetit", "stadium", 2000, 1350 },
  { "Pallati i Kulturës", "culture", 60, 420 },
};

static void
build_parks (BbDemoTown *town,
             BbRandom   *rng)
{
  g_ptr_array_add (town->parks, make_blob (town, rng, "Parku i Qytetit",
                                           -950, river_y (-950) + 330, 260, 170));
  g_ptr_array_add (town->parks, make_blob (town, rng, "Parku i Lumit",
                                           1000, river_y (1000) - 190, 380, 95));
  g_ptr_array_add (town->parks, make_blob (town, rng, "Pylli i Kalasë",
                                           -2450, 1950, 420, 320));
  g_ptr_array_add (town->parks, make_blob (town, rng, "Lulishtja e Pallateve",
                                           1050, 2050, 120, 80));
}

static void
build_landmarks (BbDemoTown *town)
{
  for (guint i = 0; i < G_N_ELEMENTS (landmark_specs); i++)
    {
      BbDemoLandmark *l = g_new0 (BbDemoLandmark, 1);
      BbLonLat p;

      to_lonlat (town, landmark_specs[i].x, landmark_specs[i].y, &p);
      l->name = g_strdup (landmark_specs[i].name);
      l->kind = landmark_specs[i].kind;
      l->lon = p.lon;
      l->lat = p.lat;
      l->district = bb_demo_town_district_at (town, p.lon, p.lat);
      g_ptr_array_add (town->landmarks, l);
    }
}

static void
build_hot_spots (BbDemoTown *town)
{
  TownPrivate *priv = town->priv;
  static const struct {
    const char *name;
    double radius;
    int change_days_before_end;
    double before, after;
  } specs[BB_DEMO_N_HOT_SPOTS] = {
    [BB_DEMO_HOT_SPOT_MARKET] = { "Pazari i Qytetit", 90, 0, 1, 1 },
    [BB_DEMO_HOT_SPOT_BUS_STATION] = { "Stacioni i Autobusëve", 70, 0, 1, 1 },
    /* a response since ten months ago worked */
    [BB_DEMO_HOT_SPOT_BAR_STREET] = { "Rruga e Kafeneve", 70, 300, 1, 0.55 },
    /* a response since four months ago is starting to work */
    [BB_DEMO_HOT_SPOT_PARK] = { "Parku i Qytetit", 110, 120, 1, 0.8 },
    [BB_DEMO_HOT_SPOT_ESTATE] = { "Pallatet e Veriut", 140, 0, 1, 1 },
    /* emerged five months ago */
    [BB_DEMO_HOT_SPOT_RIVERBANK] = { "Nën Urën e Qytetit", 60, 150, 0.08, 1 },
  };
  priv->hot_xy[BB_DEMO_HOT_SPOT_MARKET][0] = 650;
  priv->hot_xy[BB_DEMO_HOT_SPOT_MARKET][1] = 250;
  priv->hot_xy[BB_DEMO_HOT_SPOT_BUS_STATION][0] = 1600;
  priv->hot_xy[BB_DEMO_HOT_SPOT_BUS_STATION][1] = 560;
  /* the bar street's was found while building the streets */
  priv->hot_xy[BB_DEMO_HOT_SPOT_PARK][0] = -950;
  priv->hot_xy[BB_DEMO_HOT_SPOT_PARK][1] = river_y (-950) + 330;
  priv->hot_xy[BB_DEMO_HOT_SPOT_ESTATE][0] = 900;
  priv->hot_xy[BB_DEMO_HOT_SPOT_ESTATE][1] = 1800;
  {
    /* under the town bridge, on the south bank */
    const BbDemoStreet *bridge = NULL;
    double bx, by;

    for (guint i = 0; i < town->streets->len && bridge == NULL; i++)
      {
        const BbDemoStreet *s = g_ptr_array_index (town->streets, i);

        if (s->bridge && s->street_class == BB_DEMO_STREET_PRIMARY)
          bridge = s;
      }
    g_assert (bridge != NULL);
    to_xy (town, bridge->points[0].lon, bridge->points[0].lat, &bx, &by);
    priv->hot_xy[BB_DEMO_HOT_SPOT_RIVERBANK][0] = bx + 40;
    priv->hot_xy[BB_DEMO_HOT_SPOT_RIVERBANK][1] = river_y (bx + 40) - RIVER_HALF_W - 45;
  }

  for (guint k = 0; k < BB_DEMO_N_HOT_SPOTS; k++)
    {
      BbDemoHotSpot *h = &town->hot_spots[k];
      BbLonLat p;

      to_lonlat (town, priv->hot_xy[k][0], priv->hot_xy[k][1], &p);
      h->name = specs[k].name;
      h->lon = p.lon;
      h->lat = p.lat;
      h->radius_m = specs[k].radius;
      h->district = bb_demo_town_district_at (town, p.lon, p.lat);
      h->change_at = town->end_time - (gint64) specs[k].change_days_before_end * 86400;
      h->factor_before = specs[k].before;
      h->factor_after = specs[k].after;
    }
}

const char *
bb_demo_town_landmark_named (const BbDemoTown *town,
                             const char       *kind,
                             double           *lon,
                             double           *lat)
{
  g_return_val_if_fail (town != NULL && kind != NULL, NULL);

  for (guint i = 0; i < town->landmarks->len; i++)
    {
      const BbDemoLandmark *l = g_ptr_array_index (town->landmarks, i);

      if (g_str_equal (l->kind, kind))
        {
          if (lon)
            *lon = l->lon;
          if (lat)
            *lat = l->lat;
          return l->name;
        }
    }
  return NULL;
}

static void
build_river (BbDemoTown *town)
{
  GArray *line = g_array_new (FALSE, FALSE, sizeof (double));
  GArray *poly = g_array_new (FALSE, FALSE, sizeof (double));
  const double x0 = -TOWN_HALF_W - 900, x1 = TOWN_HALF_W + 900;
  guint n;

  for (double x = x0; x <= x1 + 1e-9; x += 50)
    {
      double p[2] = { x, river_y (x) };

      g_array_append_vals (line, p, 2);
    }
  n = line->len / 2;
  town->river_line = g_new (BbLonLat, n);
  town->n_river_line = n;
  for (guint i = 0; i < n; i++)
    to_lonlat (town, g_array_index (line, double, 2 * i),
               g_array_index (line, double, 2 * i + 1), &town->river_line[i]);

  /* south bank eastwards, north bank westwards: counter-clockwise */
  for (guint i = 0; i < n; i++)
    {
      double p[2] = { g_array_index (line, double, 2 * i),
                      g_array_index (line, double, 2 * i + 1) - RIVER_HALF_W };

      g_array_append_vals (poly, p, 2);
    }
  for (guint i = n; i > 0; i--)
    {
      double p[2] = { g_array_index (line, double, 2 * (i - 1)),
                      g_array_index (line, double, 2 * (i - 1) + 1) + RIVER_HALF_W };

      g_array_append_vals (poly, p, 2);
    }
  town->river.name = g_strdup ("Lumi i Bardhë");
  town->river.ring = ring_from_xy (town, (double *) poly->data, poly->len / 2, &town->river.n_ring);
  g_array_unref (line);
  g_array_unref (poly);
}

BbDemoTown *
bb_demo_town_new (guint64 seed,
                  gint64  end_time)
{
  BbDemoTown *town;
  TownPrivate *priv;
  BbRandom rng;

  g_return_val_if_fail (end_time > 0, NULL);

  town = g_new0 (BbDemoTown, 1);
  priv = g_new0 (TownPrivate, 1);
  bb_random_init_stream (&rng, seed, "town");
  town->priv = priv;
  town->name = g_strdup ("Kodrabardhë");
  town->centre_lon = 20.105;
  town->centre_lat = 40.985;
  town->timezone = "Europe/Tirane";
  town->end_time = end_time;
  town->start_time = end_time - 730 * (gint64) 86400;
  bb_local_projection_init (&town->projection, town->centre_lon, town->centre_lat);
  town->streets = g_ptr_array_new_with_free_func (street_free);
  town->parks = g_ptr_array_new_with_free_func (area_free);
  town->landmarks = g_ptr_array_new_with_free_func (landmark_free);
  priv->segments = g_array_new (FALSE, FALSE, sizeof (Segment));
  priv->street_names = g_ptr_array_new_with_free_func (g_free);

  build_districts (town, &rng);
  build_river (town);
  build_parks (town, &rng);
  build_streets (town, &rng);
  index_segments (town);
  build_landmarks (town);
  build_hot_spots (town);

  for (guint i = 0; i < BB_DEMO_TOWN_N_DISTRICTS; i++)
    {
      /* Translators: police ranks of the demo town's district officers */
      static const char * const ranks[] = { N_("Inspector"), N_("Senior inspector"), N_("Sub-commissioner") };
      BbDemoDistrict *d = &town->districts[i];
      gboolean female = bb_random_chance (&rng, 0.4);
      char name[96], phone[32];
      g_autofree char *ascii = NULL;
      g_autofree char *lower = NULL;

      bb_demo_person_name (&rng, female, name, sizeof name);
      bb_demo_phone (&rng, phone, sizeof phone);
      d->officer_name = g_strdup (name);
      d->officer_rank = g_strdup (_(ranks[i % 3 == 2 ? 1 : (i == 5 ? 2 : 0)]));
      d->officer_phone = g_strdup (phone);
      ascii = g_str_to_ascii (name, "C");
      lower = g_ascii_strdown (ascii, -1);
      g_strdelimit (lower, " ", '.');
      d->officer_email = g_strdup_printf ("%s@policia-kodrabardhe.example", lower);
    }

  return town;
}

void
bb_demo_town_free (BbDemoTown *town)
{
  TownPrivate *priv;

  if (town == NULL)
    return;
  priv = town->priv;
  for (guint i = 0; i < BB_DEMO_TOWN_N_DISTRICTS; i++)
    {
      BbDemoDistrict *d = &town->districts[i];

      g_free (d->name);
      g_free (d->code);
      g_free (d->ring);
      g_free (d->officer_name);
      g_free (d->officer_rank);
      g_free (d->officer_phone);
      g_free (d->officer_email);
    }
  g_free (town->name);
  g_free (town->outline);
  g_free (town->river_line);
  g_free (town->river.name);
  g_free (town->river.ring);
  g_ptr_array_unref (town->streets);
  g_ptr_array_unref (town->parks);
  g_ptr_array_unref (town->landmarks);
  g_array_unref (priv->segments);
  g_ptr_array_unref (priv->street_names);
  g_free (priv->bucket_start);
  g_free (priv->bucket_items);
  g_free (priv->background_cumulative);
  g_free (priv->traffic_cumulative);
  g_free (priv);
  g_free (town);
}

/* ------------------------------------------------------------------ */
/* GeoJSON (RFC 7946)                                                  */

static void
append_json_string (GString    *out,
                    const char *s)
{
  g_string_append_c (out, '"');
  for (const char *p = s; *p; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (out, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (out, "\\u%04x", (guchar) *p);
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

static void
append_position (GString *out,
                 double   lon,
                 double   lat)
{
  char a[G_ASCII_DTOSTR_BUF_SIZE], b[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_printf (out, "[%s,%s]",
                          g_ascii_formatd (a, sizeof a, "%.6f", lon),
                          g_ascii_formatd (b, sizeof b, "%.6f", lat));
}

static void
append_positions (GString        *out,
                  const BbLonLat *points,
                  guint           n)
{
  g_string_append_c (out, '[');
  for (guint i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_position (out, points[i].lon, points[i].lat);
    }
  g_string_append_c (out, ']');
}

static void
append_polygon (GString        *out,
                const BbLonLat *ring,
                guint           n)
{
  g_string_append (out, "{\"type\":\"Polygon\",\"coordinates\":[");
  append_positions (out, ring, n);
  g_string_append (out, "]}");
}

char *
bb_demo_town_district_geometry (const BbDemoTown *town,
                                guint             district)
{
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (district < BB_DEMO_TOWN_N_DISTRICTS, NULL);
  append_polygon (out, town->districts[district].ring, town->districts[district].n_ring);
  return g_string_free (out, FALSE);
}

char *
bb_demo_town_area_geometry (const BbDemoArea *area)
{
  GString *out = g_string_new (NULL);

  append_polygon (out, area->ring, area->n_ring);
  return g_string_free (out, FALSE);
}

char *
bb_demo_town_streets_geojson (const BbDemoTown *town)
{
  static const char * const classes[] = { "primary", "secondary", "residential" };
  GString *out = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");

  for (guint i = 0; i < town->streets->len; i++)
    {
      const BbDemoStreet *s = g_ptr_array_index (town->streets, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"type\":\"Feature\",\"properties\":{\"class\":");
      append_json_string (out, classes[s->street_class]);
      g_string_append (out, ",\"name\":");
      append_json_string (out, s->name);
      if (s->bridge)
        g_string_append (out, ",\"bridge\":true,\"layer\":1");
      g_string_append (out, "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":");
      append_positions (out, s->points, s->n_points);
      g_string_append (out, "}}");
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

char *
bb_demo_town_water_geojson (const BbDemoTown *town)
{
  GString *out = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");

  g_string_append (out, "{\"type\":\"Feature\",\"properties\":{\"class\":\"river\",\"name\":");
  append_json_string (out, town->river.name);
  g_string_append (out, "},\"geometry\":");
  append_polygon (out, town->river.ring, town->river.n_ring);
  g_string_append (out, "},{\"type\":\"Feature\",\"properties\":{\"class\":\"river_line\",\"name\":");
  append_json_string (out, town->river.name);
  g_string_append (out, "},\"geometry\":{\"type\":\"LineString\",\"coordinates\":");
  append_positions (out, town->river_line, town->n_river_line);
  g_string_append (out, "}}]}");
  return g_string_free (out, FALSE);
}

char *
bb_demo_town_green_geojson (const BbDemoTown *town)
{
  GString *out = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");

  for (guint i = 0; i < town->parks->len; i++)
    {
      const BbDemoArea *park = g_ptr_array_index (town->parks, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"type\":\"Feature\",\"properties\":{\"class\":");
      append_json_string (out, g_str_has_prefix (park->name, "Pylli") ? "forest" : "park");
      g_string_append (out, ",\"name\":");
      append_json_string (out, park->name);
      g_string_append (out, "},\"geometry\":");
      append_polygon (out, park->ring, park->n_ring);
      g_string_append (out, "}");
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

char *
bb_demo_town_landmarks_geojson (const BbDemoTown *town)
{
  GString *out = g_string_new ("{\"type\":\"FeatureCollection\",\"features\":[");

  for (guint i = 0; i < town->landmarks->len; i++)
    {
      const BbDemoLandmark *l = g_ptr_array_index (town->landmarks, i);

      if (i > 0)
        g_string_append_c (out, ',');
      g_string_append (out, "{\"type\":\"Feature\",\"properties\":{\"kind\":");
      append_json_string (out, l->kind);
      g_string_append (out, ",\"name\":");
      append_json_string (out, l->name);
      g_string_append (out, "},\"geometry\":{\"type\":\"Point\",\"coordinates\":");
      append_position (out, l->lon, l->lat);
      g_string_append (out, "}}");
    }
  g_string_append (out, "]}");
  return g_string_free (out, FALSE);
}

/* ------------------------------------------------------------------ */
/* Incidents                                                           */

typedef enum {
  PROFILE_SHOPPING,
  PROFILE_NIGHTLIFE,
  PROFILE_YOUTH_EVENING,
  PROFILE_WEEKDAY_DAYTIME,
  PROFILE_COMMUTE,
  PROFILE_NIGHT,
  PROFILE_REPORTS,
  PROFILE_HOME_EVENING,
  PROFILE_DARK_EVENING,
  PROFILE_ANY,
} Profile;

typedef enum {
  SEASON_FLAT,
  SEASON_SUMMER,
  SEASON_WINTER,
  SEASON_DARKNESS,
  SEASON_DECEMBER,
} Season;

typedef enum {
  SOURCES_CRIME,
  SOURCES_DISORDER,
  SOURCES_ENVIRONMENT,
  SOURCES_TRAFFIC,
  SOURCES_DOMESTIC,
} Sources;

typedef struct {
  const char *code;
  const char *kind;
  double      share;
  Profile     profile;
  Season      season;
  Sources     sources;
  double      restricted;
  double      no_position;
  /* background, then each BbDemoHotSpotKind */
  double      where[1 + BB_DEMO_N_HOT_SPOTS];
  const char *templates[5];
} CategorySpec;

/* Translators: the descriptions of the demo town's fictional incidents.
 * Keep the names in braces as they are: {street} becomes a street's name
 * (e.g. "Rruga e Kafeneve"), {place} one of the places below, {item} one of
 * the items, {vehicle} one of the vehicles, {n} a number.  The words put in
 * are given in their basic form (Russian: nominative); word the sentence so
 * that this form fits, e.g. "Украден предмет: {item}". */
static const CategorySpec categories[] = {
  { "theft.vehicle", "crime", 4, PROFILE_NIGHT, SEASON_FLAT, SOURCES_CRIME, 0, 0,
    { 1, 0, 0.15, 0.1, 0, 0.3, 0 },
    { N_("{vehicle} taken from where it was parked on {street}."),
      N_("Owner found {vehicle} missing in the morning; it was parked near {place}."),
      N_("Attempted theft of {vehicle}: door lock forced, ignition damaged."),
      N_("Number plates removed from {vehicle} parked near {place}.") } },
  { "theft.bicycle", "crime", 4, PROFILE_SHOPPING, SEASON_SUMMER, SOURCES_CRIME, 0, 0,
    { 1, 0.2, 0.3, 0, 0.1, 0.2, 0 },
    { N_("Bicycle stolen from the rack near {place}; the lock was cut."),
      N_("Child’s bicycle taken from a courtyard on {street}."),
      N_("Electric bicycle stolen from a stairwell on {street}; the entrance door does not lock.") } },
  { "theft.shop", "crime", 6, PROFILE_SHOPPING, SEASON_DECEMBER, SOURCES_CRIME, 0, 0,
    { 1, 1.5, 0.2, 0, 0, 0, 0 },
    { N_("Shop staff stopped a person leaving with {item} without paying."),
      N_("Theft of {item} from a shop near {place}; seen on the shop’s camera."),
      N_("A group of {n} distracted the shopkeeper while one of them took {item}.") } },
  { "theft.pickpocket", "crime", 5, PROFILE_SHOPPING, SEASON_DECEMBER, SOURCES_CRIME, 0, 0,
    { 0.5, 2.5, 1.5, 0.2, 0, 0, 0 },
    { N_("{item} taken from a handbag in the crowd at {place}."),
      N_("Victim noticed {item} missing after boarding a minibus at {place}."),
      N_("Pickpocketing near {place}; the victim felt someone push against them.") } },
  { "theft", "crime", 4, PROFILE_ANY, SEASON_FLAT, SOURCES_CRIME, 0, 0,
    { 1, 0.3, 0.3, 0.1, 0.1, 0.1, 0 },
    { N_("{item} stolen from an unlocked car on {street}."),
      N_("{item} taken from a ground-floor balcony on {street}."),
      N_("Garden tools and {item} stolen from a shed behind a house on {street}.") } },
  { "burglary.residential", "crime", 6, PROFILE_WEEKDAY_DAYTIME, SEASON_WINTER, SOURCES_CRIME, 0, 0,
    { 1, 0, 0, 0, 0, 0.8, 0 },
    { N_("Flat on {street} broken into while the family was at work; {item} and cash taken."),
      N_("Door forced at a house on {street}; drawers searched, {item} missing."),
      N_("Attempted break-in on {street}: window frame damaged, nothing taken."),
      N_("Neighbour heard glass breaking at a ground-floor flat on {street} and called the station.") } },
  { "burglary.commercial", "crime", 2, PROFILE_NIGHT, SEASON_WINTER, SOURCES_CRIME, 0, 0,
    { 1, 0.6, 0.1, 0.2, 0, 0, 0 },
    { N_("Shop on {street} entered overnight through the back door; the till was emptied."),
      N_("Kiosk near {place} broken into; cigarettes and phone cards taken."),
      N_("Padlock of a storeroom on {street} cut; {item} missing.") } },
  { "robbery", "crime", 1.5, PROFILE_NIGHTLIFE, SEASON_WINTER, SOURCES_CRIME, 0.04, 0,
    { 1, 0.2, 0.4, 0.3, 0.4, 0.3, 0.2 },
    { N_("Young man threatened on {street} and made to hand over {item}."),
      N_("{item} snatched from a woman walking near {place}; the offender ran off."),
      N_("Two people demanded money from a taxi driver near {place}.") } },
  { "assault", "crime", 4, PROFILE_NIGHTLIFE, SEASON_SUMMER, SOURCES_CRIME, 0.08, 0,
    { 1, 0.1, 0.3, 1.2, 0.2, 0.3, 0.1 },
    { N_("Fight outside a bar near {place}; one person treated for a head injury."),
      N_("Man punched after an argument on {street}."),
      N_("Bus driver assaulted by a passenger at {place}.") } },
  { "domestic_violence", "crime", 1.8, PROFILE_HOME_EVENING, SEASON_FLAT, SOURCES_DOMESTIC, 1.0, 0,
    { 1, 0, 0, 0, 0, 0.5, 0 },
    { N_("Domestic incident reported by a neighbour; officers attended. Details withheld."),
      N_("Report of violence in the home; referred to social services. Details withheld."),
      N_("Follow-up visit after an earlier domestic incident. Details withheld.") } },
  { "drugs.dealing", "crime", 1.5, PROFILE_YOUTH_EVENING, SEASON_FLAT, SOURCES_CRIME, 0.15, 0,
    { 0.4, 0, 0.3, 0.2, 0.6, 0.5, 0.6 },
    { N_("Residents report suspected drug dealing near {place} in the evenings."),
      N_("Person stopped near {place} with small packets of cannabis."),
      N_("Cars stopping briefly at {place}; suspected handovers.") } },
  { "drugs.use", "crime", 2.5, PROFILE_YOUTH_EVENING, SEASON_SUMMER, SOURCES_CRIME, 0.03, 0,
    { 0.4, 0, 0.2, 0.1, 0.8, 0.3, 0.8 },
    { N_("Used syringes found near {place}."),
      N_("Group smoking cannabis near {place}; residents complained about the smell."),
      N_("Young people found intoxicated near {place}; one was taken home to the parents.") } },
  { "vandalism.graffiti", "crime", 3, PROFILE_NIGHT, SEASON_SUMMER, SOURCES_CRIME, 0, 0,
    { 1, 0.1, 0.3, 0.2, 0.5, 0.4, 0.3 },
    { N_("Graffiti sprayed on a school wall near {place}."),
      N_("New tags on shop shutters along {street}."),
      N_("Offensive graffiti at {place}; the municipality was asked to remove it.") } },
  { "vandalism.property", "crime", 4, PROFILE_NIGHT, SEASON_FLAT, SOURCES_CRIME, 0, 0,
    { 1, 0.1, 0.2, 0.3, 0.4, 0.4, 0.1 },
    { N_("Car mirrors broken along {street}."),
      N_("Bus shelter glass smashed near {place}."),
      N_("Rubbish bins set on fire on {street}."),
      N_("Benches damaged at {place}.") } },
  { "fraud", "crime", 1.5, PROFILE_SHOPPING, SEASON_FLAT, SOURCES_CRIME, 0, 0.15,
    { 1, 0.4, 0, 0, 0, 0, 0 },
    { N_("Counterfeit banknote used to pay at a shop near {place}."),
      N_("{item} sold online, paid for and never delivered."),
      N_("Customer paid with a stolen bank card at a shop on {street}.") } },
  { "fraud.elderly", "crime", 1.2, PROFILE_REPORTS, SEASON_FLAT, SOURCES_CRIME, 0, 0.3,
    { 1, 0, 0, 0, 0, 0, 0 },
    { N_("Elderly resident phoned by a caller pretending to be a grandson in trouble; money handed over."),
      N_("Two people posing as water company workers entered an elderly woman’s flat on {street}; savings missing."),
      N_("Pensioner asked to pay a fee for a prize that does not exist; reported by a relative.") } },
  { "public_disorder.noise", "disorder", 6, PROFILE_NIGHTLIFE, SEASON_SUMMER, SOURCES_DISORDER, 0, 0,
    { 1, 0, 0, 1.0, 0.1, 0.4, 0 },
    { N_("Loud music from a bar on {street} after midnight."),
      N_("Residents complain about noise from a party in a flat on {street}."),
      N_("Shouting and car horns near {place} late at night.") } },
  { "public_disorder.fight", "disorder", 2.5, PROFILE_NIGHTLIFE, SEASON_SUMMER, SOURCES_DISORDER, 0.02, 0,
    { 0.5, 0.1, 0.3, 1.2, 0.2, 0.1, 0.1 },
    { N_("Fight between {n} young men near {place}; dispersed by the patrol."),
      N_("Brawl outside a café on {street} at closing time."),
      N_("Scuffle at {place} after a football match.") } },
  { "alcohol_public", "disorder", 6, PROFILE_NIGHTLIFE, SEASON_SUMMER, SOURCES_DISORDER, 0, 0,
    { 0.7, 0.1, 0.5, 1.0, 0.6, 0.1, 0.3 },
    { N_("Group drinking in public near {place}; bottles left behind."),
      N_("Drunk man asleep at {place}; the patrol helped him home."),
      N_("Residents report drunk people shouting on {street} at night.") } },
  { "youth_groups", "disorder", 5, PROFILE_YOUTH_EVENING, SEASON_SUMMER, SOURCES_DISORDER, 0.02, 0,
    { 0.8, 0, 0.2, 0.1, 0.7, 0.6, 0.4 },
    { N_("Group of about {n} teenagers gathering at {place} in the evenings; residents feel intimidated."),
      N_("Youngsters riding scooters dangerously around {place}."),
      N_("Teenagers throwing stones at passing cars on {street}.") } },
  { "traffic.speeding", "traffic", 3, PROFILE_COMMUTE, SEASON_SUMMER, SOURCES_TRAFFIC, 0, 0,
    { 1, 0, 0, 0, 0, 0, 0 },
    { N_("Residents report cars speeding on {street}, near {place}."),
      N_("Speed check on {street}: {n} drivers over the limit."),
      N_("Motorcycles racing on {street} in the evening.") } },
  { "traffic.parking", "traffic", 5, PROFILE_SHOPPING, SEASON_FLAT, SOURCES_TRAFFIC, 0, 0,
    { 1, 0.6, 0.4, 0.2, 0, 0, 0 },
    { N_("Cars parked on the pavement on {street}; pushchairs have to use the road."),
      N_("Vehicle blocking the entrance of a block of flats on {street}."),
      N_("Delivery vans double-parked near {place} every morning.") } },
  { "traffic.accident", "traffic", 3, PROFILE_COMMUTE, SEASON_WINTER, SOURCES_TRAFFIC, 0, 0,
    { 1, 0.1, 0.2, 0, 0, 0, 0 },
    { N_("Collision between two cars at a junction on {street}; no one injured."),
      N_("Pedestrian hit by a car on {street}; taken to hospital with light injuries."),
      N_("Car slid into a parked vehicle on {street}.") } },
  { "street_lighting", "environment", 5, PROFILE_DARK_EVENING, SEASON_DARKNESS, SOURCES_ENVIRONMENT, 0, 0,
    { 1, 0, 0, 0, 0.3, 0.3, 0.2 },
    { N_("Street lights out along {street}; residents are afraid to walk after dark."),
      N_("Broken lamp near {place}; the path is completely dark."),
      N_("Lights on {street} switch off at midnight; residents ask for them to stay on.") } },
  { "stray_dogs", "environment", 5, PROFILE_REPORTS, SEASON_FLAT, SOURCES_ENVIRONMENT, 0, 0,
    { 1, 0.2, 0.1, 0, 0.3, 0.4, 0.2 },
    { N_("Pack of {n} stray dogs near {place}; children are afraid on the way to school."),
      N_("Stray dog bit a passer-by on {street}."),
      N_("Dogs knock over the rubbish bins on {street} every night.") } },
  { "abandoned_buildings", "environment", 1.5, PROFILE_REPORTS, SEASON_FLAT, SOURCES_ENVIRONMENT, 0, 0,
    { 1, 0, 0, 0, 0, 0.4, 0.2 },
    { N_("Abandoned building on {street} used by young people at night; doors broken open."),
      N_("Empty house on {street} with a collapsing roof; children play inside."),
      N_("Former workshop near {place} left open; fires lit inside.") } },
  { "illegal_dumping", "environment", 4, PROFILE_REPORTS, SEASON_SUMMER, SOURCES_ENVIRONMENT, 0, 0,
    { 1, 0.2, 0, 0, 0.1, 0.5, 0.3 },
    { N_("Building rubble dumped on waste ground near {place}."),
      N_("Household rubbish piled beside {street}; the bins have not been emptied for a week."),
      N_("Old furniture and tyres dumped by the river near {place}.") } },
};

#define N_CATEGORIES G_N_ELEMENTS (categories)

/* Translators: put into the incident descriptions above as {item}, {vehicle}
 * and {place}; give the basic form (Russian: nominative, without "a"/"the") */
static const char * const items[] = {
  N_("a mobile phone"), N_("a wallet"), N_("a handbag"), N_("a laptop"), N_("jewellery"),
  N_("a tablet"), N_("a gold necklace"), N_("power tools"), N_("a bank card"), N_("clothes"),
  N_("perfume"), N_("a television"), N_("a games console"), N_("a camera"),
};
static const char * const vehicles[] = {
  N_("a white Volkswagen Golf"), N_("a grey Mercedes saloon"), N_("a red Fiat Punto"),
  N_("a blue delivery van"), N_("a black motorbike"), N_("a silver Toyota"), N_("a green Opel Astra"),
};
static const char * const places[] = {
  N_("the bus stop"), N_("a block of flats"), N_("the corner shop"), N_("a courtyard"),
  N_("the playground"), N_("the car park"), N_("a café"), N_("the school gate"),
  N_("the pharmacy"), N_("the football pitch"),
};

guint
bb_demo_n_categories (void)
{
  return N_CATEGORIES;
}

const char *
bb_demo_category_code (guint index)
{
  g_return_val_if_fail (index < N_CATEGORIES, NULL);
  return categories[index].code;
}

const char *
bb_demo_category_kind (guint index)
{
  g_return_val_if_fail (index < N_CATEGORIES, NULL);
  return categories[index].kind;
}

/* Relative frequency by hour of the week; dow 0 is Monday. */
static double
profile_weight (Profile  profile,
                int      dow,
                int      hour,
                gboolean dark)
{
  gboolean weekend = dow >= 5;
  /* Friday and Saturday nights run into the small hours of the next day */
  gboolean party_night = (hour >= 21 && (dow == 4 || dow == 5)) || (hour < 4 && (dow == 5 || dow == 6));

  switch (profile)
    {
    case PROFILE_SHOPPING:
      return (hour >= 8 && hour < 19 ? 3.0 : hour >= 19 && hour < 22 ? 1.0 : 0.15)
             * (dow == 5 ? 1.5 : dow == 6 ? 0.6 : dow == 2 ? 1.3 : 1.0);
    case PROFILE_NIGHTLIFE:
      if (hour >= 21 || hour < 4)
        return party_night ? 5.0 : 1.3;
      return hour >= 18 ? 0.7 : 0.2;
    case PROFILE_YOUTH_EVENING:
      if (hour >= 16 && hour < 24)
        return weekend || dow == 4 ? 4.0 : 3.0;
      return hour >= 13 && hour < 16 ? 1.0 : 0.2;
    case PROFILE_WEEKDAY_DAYTIME:
      if (weekend)
        return hour >= 9 && hour < 21 ? 1.2 : 0.5;
      if (hour >= 9 && hour < 17)
        return 3.0;
      if (hour >= 17 && hour < 21)
        return dark ? 3.5 : 1.0;
      return 0.5;
    case PROFILE_COMMUTE:
      if (weekend)
        return hour >= 9 && hour < 22 ? 1.5 : 0.5;
      if ((hour >= 7 && hour < 9) || (hour >= 16 && hour < 19))
        return 4.0;
      return hour >= 9 && hour < 22 ? 1.8 : 0.3;
    case PROFILE_NIGHT:
      return (hour >= 22 || hour < 5 ? 3.0 : 0.7) * (weekend ? 1.2 : 1.0);
    case PROFILE_REPORTS:
      if (hour >= 8 && hour < 20)
        return weekend ? 1.0 : 2.0;
      return 0.1;
    case PROFILE_HOME_EVENING:
      return (hour >= 18 ? 3.0 : hour < 3 ? 2.0 : 0.6) * (weekend ? 1.5 : 1.0);
    case PROFILE_DARK_EVENING:
      if (hour >= 17 && hour < 23)
        return dark ? 4.0 : 1.5;
      return hour >= 7 && hour < 17 ? 1.0 : 0.2;
    case PROFILE_ANY:
    default:
      return hour >= 7 && hour < 23 ? 1.5 : 0.5;
    }
}

static double
season_weight (Season season,
               int    month)
{
  switch (season)
    {
    case SEASON_SUMMER:
      return 1.0 + 0.35 * cos (2 * G_PI * (month - 7) / 12.0);
    case SEASON_WINTER:
      return 1.0 + 0.3 * cos (2 * G_PI * (month - 1) / 12.0);
    case SEASON_DARKNESS:
      return 1.0 + 0.75 * cos (2 * G_PI * (month - 12.5) / 12.0);
    case SEASON_DECEMBER:
      return month == 12 ? 1.5 : month == 11 ? 1.15 : 1.0;
    case SEASON_FLAT:
    default:
      return 1.0;
    }
}

struct _BbDemoIncidentStream {
  const BbDemoTown *town;
  TownPrivate      *priv;
  BbRandom          rng;
  guint             n, next;
  double            category_cumulative[N_CATEGORIES];
  double            day_cumulative[N_CATEGORIES][N_DAYS];
  double            hour_cumulative[N_CATEGORIES][2][7][24];
  gint64            day_start[N_DAYS];
  guint8            day_dow[N_DAYS];
  guint8            day_dark[N_DAYS];
  const char       *templates[N_CATEGORIES][5];
  guint             n_templates[N_CATEGORIES];
  const char       *items[G_N_ELEMENTS (items)];
  const char       *vehicles[G_N_ELEMENTS (vehicles)];
  const char       *places[G_N_ELEMENTS (places)];
  gboolean          have_burglary;
  double            burglary_x, burglary_y;
  gint64            burglary_t;
  int               burglary_hot_spot;
};

BbDemoIncidentStream *
bb_demo_incident_stream_new (const BbDemoTown *town,
                             guint64           seed,
                             guint             n_incidents)
{
  BbDemoIncidentStream *self;
  int year, month, day;
  gint64 first_day;
  double total = 0;

  g_return_val_if_fail (town != NULL, NULL);

  self = g_new0 (BbDemoIncidentStream, 1);
  self->town = town;
  self->priv = town->priv;
  self->n = n_incidents;
  bb_random_init_stream (&self->rng, seed, "incidents");

  /* Translated once: the stream must not look strings up per incident. */
  for (guint c = 0; c < N_CATEGORIES; c++)
    for (guint k = 0; k < 5 && categories[c].templates[k] != NULL; k++)
      self->templates[c][self->n_templates[c]++] = _(categories[c].templates[k]);
  for (guint k = 0; k < G_N_ELEMENTS (items); k++)
    self->items[k] = _(items[k]);
  for (guint k = 0; k < G_N_ELEMENTS (vehicles); k++)
    self->vehicles[k] = _(vehicles[k]);
  for (guint k = 0; k < G_N_ELEMENTS (places); k++)
    self->places[k] = _(places[k]);

  first_day = (town->start_time + bb_demo_town_utc_offset (town->start_time)) / 86400;
  for (guint d = 0; d < N_DAYS; d++)
    {
      civil_from_days (first_day + d, &year, &month, &day);
      self->day_start[d] = bb_demo_town_local_to_utc (year, month, day, 0, 0);
      self->day_dow[d] = (guint8) (((first_day + d + 3) % 7 + 7) % 7);
      self->day_dark[d] = month >= 10 || month <= 3;
      for (guint c = 0; c < N_CATEGORIES; c++)
        {
          double week = 0;

          for (int h = 0; h < 24; h++)
            week += profile_weight (categories[c].profile, self->day_dow[d], h, self->day_dark[d]);
          self->day_cumulative[c][d] = (d > 0 ? self->day_cumulative[c][d - 1] : 0)
                                       + week * season_weight (categories[c].season, month);
        }
    }
  for (guint c = 0; c < N_CATEGORIES; c++)
    {
      total += categories[c].share;
      self->category_cumulative[c] = total;
      for (int dark = 0; dark < 2; dark++)
        for (int dow = 0; dow < 7; dow++)
          {
            double sum = 0;

            for (int h = 0; h < 24; h++)
              {
                sum += profile_weight (categories[c].profile, dow, h, dark);
                self->hour_cumulative[c][dark][dow][h] = sum;
              }
          }
    }
  return self;
}

void
bb_demo_incident_stream_free (BbDemoIncidentStream *stream)
{
  g_free (stream);
}

static gint64
sample_time (BbDemoIncidentStream *self,
             guint                 c)
{
  for (;;)
    {
      gsize d = bb_random_cumulative (&self->rng, self->day_cumulative[c], N_DAYS);
      gsize h = bb_random_cumulative (&self->rng, self->hour_cumulative[c][self->day_dark[d]][self->day_dow[d]], 24);
      gint64 t = self->day_start[d] + (gint64) h * 3600 + bb_random_int_range (&self->rng, 0, 3600);

      if (t >= self->town->start_time && t < self->town->end_time)
        return t;
    }
}

static void
expand (BbDemoIncidentStream *self,
        const char           *template,
        const char           *street,
        const char           *place,
        char                 *out,
        gsize                 out_size)
{
  gsize len = 0;
  char number[16];

  for (const char *p = template; *p && len + 1 < out_size; )
    {
      const char *value = NULL;
      const char *close;

      if (*p == '{' && (close = strchr (p, '}')) != NULL)
        {
          gsize key_len = close - p - 1;

          if (key_len == 6 && strncmp (p + 1, "street", 6) == 0)
            value = street;
          else if (key_len == 5 && strncmp (p + 1, "place", 5) == 0)
            value = place;
          else if (key_len == 4 && strncmp (p + 1, "item", 4) == 0)
            value = bb_random_pick (&self->rng, self->items, G_N_ELEMENTS (items));
          else if (key_len == 7 && strncmp (p + 1, "vehicle", 7) == 0)
            value = bb_random_pick (&self->rng, self->vehicles, G_N_ELEMENTS (vehicles));
          else if (key_len == 1 && p[1] == 'n')
            {
              g_snprintf (number, sizeof number, "%d", (int) bb_random_int_range (&self->rng, 3, 13));
              value = number;
            }
          if (value != NULL)
            {
              gsize vlen = MIN (strlen (value), out_size - 1 - len);

              /* A sentence starts with a capital even when the value
               * came from a list of phrases. */
              memcpy (out + len, value, vlen);
              if (len == 0 && vlen > 0 && g_ascii_islower (out[0]))
                out[0] = g_ascii_toupper (out[0]);
              len += vlen;
              p = close + 1;
              continue;
            }
        }
      out[len++] = *p++;
    }
  out[len] = '\0';
}

static gboolean
usable_point (const BbDemoTown *town,
              double            x,
              double            y,
              BbLonLat         *p,
              int              *district)
{
  if (in_river (x, y, 3))
    return FALSE;
  to_lonlat (town, x, y, p);
  *district = bb_demo_town_district_at (town, p->lon, p->lat);
  return *district >= 0;
}

static void
sample_place (BbDemoIncidentStream *self,
              guint                 c,
              BbDemoIncident       *out,
              double               *px,
              double               *py)
{
  const BbDemoTown *town = self->town;
  TownPrivate *priv = self->priv;
  const CategorySpec *spec = &categories[c];
  gboolean traffic = g_str_equal (spec->kind, "traffic");
  BbLonLat p;
  int district;

  for (int attempt = 0; ; attempt++)
    {
      gsize where = attempt < 20 ? bb_random_weighted (&self->rng, spec->where, 1 + BB_DEMO_N_HOT_SPOTS) : 0;

      if (where == 0)
        {
          const double *cum = traffic ? priv->traffic_cumulative : priv->background_cumulative;
          gsize k = bb_random_cumulative (&self->rng, cum, priv->segments->len);
          const Segment *s = &g_array_index (priv->segments, Segment, k);
          double t = bb_random_double (&self->rng);
          double side = bb_random_chance (&self->rng, 0.5) ? 1 : -1;
          double offset = traffic ? bb_random_uniform (&self->rng, 0, 4) : bb_random_uniform (&self->rng, 6, 30);
          double x = s->x0 + t * (s->x1 - s->x0) - side * offset * (s->y1 - s->y0) / s->length;
          double y = s->y0 + t * (s->y1 - s->y0) + side * offset * (s->x1 - s->x0) / s->length;

          if (!usable_point (town, x, y, &p, &district))
            continue;
          format_address (town, s, x, y, out->address, sizeof out->address);
          out->hot_spot = -1;
          *px = x;
          *py = y;
        }
      else
        {
          const BbDemoHotSpot *h = &town->hot_spots[where - 1];
          gboolean line = where - 1 == BB_DEMO_HOT_SPOT_BAR_STREET;
          double x = priv->hot_xy[where - 1][0] + bb_random_normal (&self->rng, 0, h->radius_m * (line ? 3 : 1));
          double y = priv->hot_xy[where - 1][1] + bb_random_normal (&self->rng, 0, h->radius_m * (line ? 0.35 : 1));
          const Segment *s;

          if (!usable_point (town, x, y, &p, &district))
            continue;
          s = nearest_segment (town, x, y);
          format_address (town, s, x, y, out->address, sizeof out->address);
          out->hot_spot = (int) where - 1;
          *px = x;
          *py = y;
        }
      out->lon = p.lon;
      out->lat = p.lat;
      out->district = district;
      return;
    }
}

static const char *
sample_source (BbDemoIncidentStream *self,
               Sources               sources)
{
  static const char * const names[] = { "patrol", "resident", "hotline", "complaint_box",
                                        "school", "partner", "survey" };
  static const double mix[][7] = {
    [SOURCES_CRIME] = { 0.50, 0.20, 0.22, 0, 0.03, 0.05, 0 },
    [SOURCES_DISORDER] = { 0.35, 0.25, 0.25, 0.07, 0.05, 0, 0.03 },
    [SOURCES_ENVIRONMENT] = { 0.05, 0.35, 0.15, 0.18, 0.07, 0.12, 0.08 },
    [SOURCES_TRAFFIC] = { 0.55, 0.25, 0.10, 0.03, 0.07, 0, 0 },
    [SOURCES_DOMESTIC] = { 0.30, 0, 0.50, 0, 0, 0.20, 0 },
  };

  return names[bb_random_weighted (&self->rng, mix[sources], 7)];
}

gboolean
bb_demo_incident_stream_next (BbDemoIncidentStream *self,
                              BbDemoIncident       *out)
{
  const BbDemoTown *town;
  const CategorySpec *spec;
  guint c;
  gint64 t = 0, delay, age;
  double x = 0, y = 0, p_open, p_referred;
  gboolean near_repeat = FALSE;
  const char *place;
  char street[128];
  char *space;

  g_return_val_if_fail (self != NULL && out != NULL, FALSE);

  if (self->next >= self->n)
    return FALSE;
  town = self->town;

  out->sequence = self->next++;
  bb_random_uuid (&self->rng, out->id);
  c = (guint) bb_random_cumulative (&self->rng, self->category_cumulative, N_CATEGORIES);
  spec = &categories[c];
  out->category = c;
  out->occurred_end = 0;
  out->time_unknown = FALSE;
  out->has_position = TRUE;
  out->district_overridden = FALSE;
  out->restricted = bb_random_chance (&self->rng, spec->restricted);

  /* Burglars come back: a share of residential burglaries follow an
   * earlier one close by within days (what a near-repeat test finds). */
  if (g_str_equal (spec->code, "burglary.residential") && self->have_burglary
      && bb_random_chance (&self->rng, 0.3))
    {
      BbLonLat p;
      int district;

      x = self->burglary_x + bb_random_normal (&self->rng, 0, 60);
      y = self->burglary_y + bb_random_normal (&self->rng, 0, 60);
      t = self->burglary_t + bb_random_int_range (&self->rng, 86400, 12 * 86400);
      if (t < town->end_time && usable_point (town, x, y, &p, &district))
        {
          const Segment *s = nearest_segment (town, x, y);

          format_address (town, s, x, y, out->address, sizeof out->address);
          out->lon = p.lon;
          out->lat = p.lat;
          out->district = district;
          out->hot_spot = self->burglary_hot_spot;
          near_repeat = TRUE;
        }
    }

  if (!near_repeat)
    {
      sample_place (self, c, out, &x, &y);
      /* Hot spots wax and wane: keep the time only as often as the hot
       * spot was active then. */
      for (int attempt = 0; attempt < 50; attempt++)
        {
          t = sample_time (self, c);
          if (out->hot_spot >= 0)
            {
              const BbDemoHotSpot *h = &town->hot_spots[out->hot_spot];
              double f = t < h->change_at ? h->factor_before : h->factor_after;

              if (!bb_random_chance (&self->rng, f / MAX (h->factor_before, h->factor_after)))
                continue;
            }
          break;
        }
    }
  if (g_str_equal (spec->code, "burglary.residential"))
    {
      self->have_burglary = TRUE;
      self->burglary_x = x;
      self->burglary_y = y;
      self->burglary_t = t;
      self->burglary_hot_spot = out->hot_spot;
    }

  out->occurred_start = t;
  out->source = sample_source (self, spec->sources);

  /* Burglaries found on coming home happened some time in a window;
   * dumping is found, not seen. */
  if (g_str_has_prefix (spec->code, "burglary") && bb_random_chance (&self->rng, 0.45))
    {
      gint64 window = bb_random_int_range (&self->rng, 2 * 3600, 10 * 3600);

      out->occurred_end = MIN (t + window, town->end_time - 1);
    }
  else if ((g_str_equal (spec->code, "illegal_dumping") || g_str_equal (spec->code, "abandoned_buildings"))
           && bb_random_chance (&self->rng, 0.3))
    {
      int offset = bb_demo_town_utc_offset (t);

      out->time_unknown = TRUE;
      out->occurred_start = t - (t + offset) % 86400;
    }

  if (g_str_equal (out->source, "patrol"))
    delay = bb_random_int_range (&self->rng, 0, 20 * 60);
  else if (g_str_equal (out->source, "resident") || g_str_equal (out->source, "hotline"))
    delay = bb_random_int_range (&self->rng, 5 * 60, 3 * 3600);
  else if (g_str_equal (out->source, "complaint_box"))
    delay = bb_random_int_range (&self->rng, 86400, 7 * 86400);
  else
    delay = bb_random_int_range (&self->rng, 86400, 14 * 86400);
  out->reported_at = MIN (MAX (out->occurred_start, out->occurred_end) + delay, town->end_time);

  /* Phone fraud and some hotline calls come without a place on the map;
   * the officer sets the district by hand. */
  if (bb_random_chance (&self->rng, spec->no_position)
      || (g_str_equal (out->source, "hotline") && bb_random_chance (&self->rng, 0.02)))
    {
      out->has_position = FALSE;
      out->district_overridden = TRUE;
    }

  /* Older records are more often closed; residents' concerns are mostly
   * passed to the municipality. */
  age = town->end_time - out->reported_at;
  if (g_str_equal (spec->code, "domestic_violence"))
    {
      p_open = age < 30 * 86400 ? 0.35 : 0.05;
      p_referred = 0.65;
    }
  else if (g_str_equal (spec->kind, "environment"))
    {
      p_open = age < 30 * 86400 ? 0.55 : age < 180 * 86400 ? 0.25 : 0.08;
      p_referred = 0.55;
    }
  else if (g_str_equal (spec->kind, "crime"))
    {
      p_open = age < 14 * 86400 ? 0.6 : age < 90 * 86400 ? 0.3 : 0.1;
      p_referred = 0.1;
    }
  else
    {
      p_open = age < 14 * 86400 ? 0.5 : age < 60 * 86400 ? 0.15 : 0.04;
      p_referred = 0.15;
    }
  if (bb_random_chance (&self->rng, p_open))
    {
      out->status = "open";
      out->closed_at = 0;
    }
  else
    {
      gint64 handled = bb_random_int_range (&self->rng, 3600, 21 * 86400);

      out->status = bb_random_chance (&self->rng, p_referred) ? "referred" : "cleared";
      out->closed_at = MIN (out->reported_at + handled, town->end_time);
    }

  g_strlcpy (street, out->address, sizeof street);
  space = strrchr (street, ' ');
  if (space != NULL)
    *space = '\0';
  if (out->hot_spot >= 0 && bb_random_chance (&self->rng, 0.7))
    place = town->hot_spots[out->hot_spot].name;
  else
    place = bb_random_pick (&self->rng, self->places, G_N_ELEMENTS (places));
  expand (self, self->templates[c][bb_random_int_range (&self->rng, 0, self->n_templates[c])],
          street, place, out->description, sizeof out->description);
  return TRUE;
}
