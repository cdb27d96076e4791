/*
** The demo generator (see demo.h): synthetic children whose facts agree with
** their categories, so every screen, report and eligibility rule has
** something true to show. Parents of orphans are dead or declared missing,
** parents of de facto unsupported children are in the set S of DOMAIN.md §2
** (a prison term still running, contact lost more than 6 months ago...),
** left-behind children have rural hukou and parents working away, migrant
** children come from the provinces that send Dongguan its workers, with
** those provinces' ID numbers.
**
** Everything random comes from one xoshiro256** stream seeded by
** splitmix64, consumed in a fixed order, so a seed names a data set.
** Memory: demo_init() allocates the ID counters, the village weights and an
** arena for village-derived strings; demo_free() releases them. Each child's
** strings come from the caller's arena.
*/
#include <stdlib.h>
#include <string.h>
#include "domain/codes.h"
#include "domain/demo.h"
#include "domain/idcard.h"

#define COUNT(a) ((int)(sizeof(a) / sizeof *(a)))

enum { CITY_MINORS = 60000, MAX_MINORS = 100000000 };

/* ------------------------------------------------------------------------ */
/* Random numbers: xoshiro256** (Blackman & Vigna), seeded with splitmix64. */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t rng_next(DemoGen *g)
{
    uint64_t *s = g->rng;
    uint64_t result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

/* Uniform in [0, n), n < 2^32 (multiply-shift: no division, bias below 2^-32). */
static uint32_t rng_below(DemoGen *g, uint32_t n)
{
    return (uint32_t)(((rng_next(g) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]; lo when the range is empty. */
static long rng_range(DemoGen *g, long lo, long hi)
{
    if (hi <= lo) return lo;
    return lo + (long)rng_below(g, (uint32_t)(hi - lo + 1));
}

/* True with probability PER_MILLE / 1000. */
static bool chance(DemoGen *g, int per_mille) { return (int)rng_below(g, 1000) < per_mille; }

/* An index into WEIGHTS (N of them) drawn in proportion to the weights. */
static int pick_weighted(DemoGen *g, const int *weights, int n)
{
    int total = 0;
    for (int i = 0; i < n; i++) total += weights[i];
    int r = (int)rng_below(g, (uint32_t)total);
    for (int i = 0; i < n; i++) {
        if (r < weights[i]) return i;
        r -= weights[i];
    }
    return n - 1;
}

/* ------------------------------------------------------------------------ */
/* Tables. Weights are rough shares in Dongguan: Cantonese surnames (陈 黄 梁
   叶 钟 莫 麦 ...) ahead of the national order, and the surnames of the
   provinces that send workers (覃 韦 of Guangxi, 向 of western Hunan). */

static const struct {
    const char *name;
    int weight;
} surnames[] = {
    {"陈", 900}, {"李", 600}, {"黄", 550}, {"张", 450}, {"梁", 350}, {"刘", 350}, {"林", 330}, {"王", 320},
    {"叶", 220}, {"何", 200}, {"罗", 200}, {"钟", 180}, {"杨", 180}, {"吴", 170}, {"周", 150}, {"郑", 150},
    {"邓", 150}, {"谢", 130}, {"曾", 130}, {"袁", 120}, {"莫", 110}, {"卢", 110}, {"蔡", 100}, {"朱", 100},
    {"赖", 90},  {"徐", 90},  {"冯", 90},  {"胡", 90},  {"廖", 90},  {"赵", 90},  {"彭", 80},  {"苏", 80},
    {"潘", 80},  {"郭", 80},  {"许", 70},  {"邱", 70},  {"谭", 70},  {"肖", 70},  {"麦", 60},  {"温", 60},
    {"方", 60},  {"孙", 60},  {"唐", 60},  {"高", 60},  {"余", 60},  {"马", 50},  {"邹", 50},  {"江", 50},
    {"杜", 40},  {"尹", 40},  {"宋", 40},  {"萧", 40},  {"姚", 40},  {"伍", 40},  {"蒋", 40},  {"程", 40},
    {"熊", 40},  {"覃", 40},  {"韦", 40},  {"汤", 30},  {"韩", 30},  {"魏", 30},  {"范", 30},  {"严", 30},
    {"沈", 30},  {"戴", 30},  {"龙", 30},  {"丁", 30},  {"石", 30},  {"傅", 30},  {"田", 30},  {"易", 30},
    {"关", 30},  {"董", 30},  {"雷", 30},  {"陆", 30},  {"丘", 20},  {"欧阳", 20}, {"区", 20},  {"颜", 20},
    {"柯", 20},  {"史", 20},  {"侯", 20},  {"邵", 20},  {"蓝", 20},  {"冼", 20},  {"岑", 20},  {"骆", 20},
    {"古", 20},  {"甘", 20},  {"贺", 20},  {"万", 20},  {"向", 20},  {"秦", 20},  {"毛", 20},  {"姜", 20},
    {"任", 20},  {"吕", 20},  {"夏", 20},  {"邝", 20},  {"司徒", 15}, {"简", 15},  {"容", 15},  {"霍", 15},
    {"崔", 15},  {"孔", 15},  {"白", 15},  {"祝", 10},  {"植", 10},  {"翟", 10},  {"钱", 10},
};

/* Characters of given names, by sex and generation; each is 3 bytes of UTF-8. */
static const char boy_chars[] = "浩宇子轩梓睿俊杰博文泽晨辰嘉铭彦烨航霖锦天一诚凯峻皓然昊瑞宏卓毅骏宸恒朗煜楷逸宁晟锐伟豪鸿家明志思奕承耀乐林森";
static const char girl_chars[] = "欣怡梓涵雨诗思佳琪婷雅静晓慧嘉颖芷若悦可馨萱妍彤琳玥瑶晴敏丽芳雪蕊梦莹洁薇凝心语桐依沁紫倩菲晨曦";
static const char man_chars[] = "伟强军勇斌华明建国志海波辉文涛杰超峰刚平东亮磊鹏飞林锋新荣成俊良健德永伦";
static const char woman_chars[] = "芳丽娟敏静燕霞艳玲红梅英莉华琴萍秀兰凤雪婷慧娜翠玉洁彩金群琼月";
static const char elder_man_chars[] = "国华建明德福永根生保家发荣光金水田广汉文忠强成贵";
static const char elder_woman_chars[] = "秀英桂兰玉珍凤梅金娣淑芬美香翠娥莲花容彩群娇妹";

/* Where a family's ID numbers come from. Index 0 is Dongguan; then other
   Guangdong places (children born there whose hukou moved to Dongguan, and
   the fallback when a prefix runs out of sequence numbers); then the counties
   migrants come from, weighted by province (湖南 广西 四川 江西 河南 湖北 贵州
   重庆), each with the minority most common there. */
typedef struct Origin {
    const char *code, *place;
    int weight;              /* share among migrants; 0 = not a migrants' home */
    const char *ethnicity;   /* a minority common there, or NULL */
    int ethnic_per_mille;
    int rural_per_mille;     /* share of rural hukou */
} Origin;

static const Origin origins[] = {
    {"441900", "广东省东莞市", 0, NULL, 0, 0},
    {"445281", "广东省揭阳市普宁市", 0, NULL, 0, 700},
    {"441581", "广东省汕尾市陆丰市", 0, NULL, 0, 700},
    {"441521", "广东省汕尾市海丰县", 0, NULL, 0, 700},
    {"440881", "广东省湛江市廉江市", 0, NULL, 0, 700},
    {"440882", "广东省湛江市雷州市", 0, NULL, 0, 700},
    {"430524", "湖南省邵阳市隆回县", 40, "06", 30, 800},
    {"430525", "湖南省邵阳市洞口县", 30, "13", 30, 800},
    {"431022", "湖南省郴州市宜章县", 40, "13", 20, 800},
    {"431023", "湖南省郴州市永兴县", 30, NULL, 0, 750},
    {"430922", "湖南省益阳市桃江县", 25, NULL, 0, 750},
    {"431224", "湖南省怀化市溆浦县", 25, "06", 50, 800},
    {"433130", "湖南省湘西土家族苗族自治州龙山县", 20, "15", 500, 850},
    {"433124", "湖南省湘西土家族苗族自治州花垣县", 15, "06", 600, 850},
    {"450881", "广西壮族自治区贵港市桂平市", 45, "08", 150, 800},
    {"450921", "广西壮族自治区玉林市容县", 35, NULL, 0, 800},
    {"450923", "广西壮族自治区玉林市博白县", 45, NULL, 0, 800},
    {"450981", "广西壮族自治区玉林市北流市", 35, NULL, 0, 750},
    {"451221", "广西壮族自治区河池市南丹县", 10, "08", 500, 850},
    {"451228", "广西壮族自治区河池市都安瑶族自治县", 10, "13", 300, 900},
    {"511621", "四川省广安市岳池县", 20, NULL, 0, 800},
    {"511321", "四川省南充市南部县", 25, NULL, 0, 800},
    {"510921", "四川省遂宁市蓬溪县", 15, NULL, 0, 800},
    {"511922", "四川省巴中市南江县", 15, NULL, 0, 850},
    {"360731", "江西省赣州市于都县", 30, NULL, 0, 800},
    {"360732", "江西省赣州市兴国县", 30, NULL, 0, 800},
    {"360734", "江西省赣州市寻乌县", 20, NULL, 0, 800},
    {"361128", "江西省上饶市鄱阳县", 20, NULL, 0, 800},
    {"411522", "河南省信阳市光山县", 25, NULL, 0, 800},
    {"411524", "河南省信阳市商城县", 20, NULL, 0, 800},
    {"411526", "河南省信阳市潢川县", 20, NULL, 0, 800},
    {"411623", "河南省周口市商水县", 25, NULL, 0, 850},
    {"421125", "湖北省黄冈市浠水县", 25, NULL, 0, 800},
    {"421126", "湖北省黄冈市蕲春县", 25, NULL, 0, 800},
    {"421127", "湖北省黄冈市黄梅县", 25, NULL, 0, 800},
    {"520524", "贵州省毕节市织金县", 40, "06", 200, 900},
    {"520525", "贵州省毕节市纳雍县", 35, "07", 150, 900},
    {"500236", "重庆市奉节县", 25, NULL, 0, 850},
    {"500242", "重庆市酉阳土家族苗族自治县", 20, "15", 500, 900},
};
enum { ORIGIN_DONGGUAN = 0, ORIGIN_GUANGDONG_FIRST = 1, ORIGIN_GUANGDONG_LAST = 5, N_ORIGINS = COUNT(origins) };

/* The few minorities among Dongguan's own hukou holders. */
static const char *const local_minorities[] = {"08", "13", "15", "06", "03", "11", "12"};

static const char *const phone_prefixes[] = {
    "130", "131", "132", "133", "134", "135", "136", "137", "138", "139", "147", "150", "151", "152", "153",
    "155", "156", "157", "158", "159", "166", "173", "175", "176", "177", "178", "180", "181", "182", "183",
    "184", "185", "186", "187", "188", "189", "191", "198", "199"};

static const char *const work_places[] = {"深圳市", "广州市", "佛山市", "惠州市", "中山市", "珠海市",
                                          "上海市", "浙江省宁波市", "浙江省杭州市", "江苏省苏州市", "福建省厦门市", "北京市"};

static const char *const roads[] = {"新村", "东风路", "人民路", "建设路", "振兴路", "兴业路", "环城路", "工业路",
                                    "育才路", "文化路", "富民路", "沿河路", "市场路", "园林路"};

static const char *const private_school_words[] = {"育英", "英才", "启明", "阳光", "新星", "博雅", "光明", "育才"};

static const char *const illnesses[] = {"尿毒症", "恶性肿瘤", "白血病", "重症精神障碍", "肝硬化", "系统性红斑狼疮"};
static const char *const disability_notes[] = {"肢体残疾一级", "肢体残疾二级", "视力残疾一级", "精神残疾三级",
                                               "智力残疾三级", "智力残疾二级"};

/* Institutions named in the records. */
static const char WELFARE_CENTRE[] = "东莞市社会福利中心";
static const char RESCUE_CENTRE[] = "东莞市未成年人救助保护中心";

/* Policy start dates: a category is not recorded before its rule existed. */
static const Date DIFFICULTY_SINCE = {2016, 6, 13};     /* 国发〔2016〕36号 */
static const Date LEFT_BEHIND_SINCE = {2016, 2, 4};     /* 国发〔2016〕13号 */
static const Date DE_FACTO_SINCE = {2019, 6, 18};       /* 民发〔2019〕62号 */

/* ------------------------------------------------------------------------ */
/* The plan: each profile's city-scale count (for 60,000 minors), its
   categories and the ages it allows. */

typedef struct ProfileDesc {
    long city;                 /* children at city scale; DEMO_ORDINARY takes the rest */
    const char *categories;    /* "|"-separated codes */
    int age_limit;             /* younger than this on today */
    int min_age_days;          /* at least this old: parents' situations need time to count */
} ProfileDesc;

static const ProfileDesc profiles[DEMO_PROFILES] = {
    [DEMO_ORDINARY] = {0, "", 18, 0},
    [DEMO_ORPHAN_INSTITUTION] = {90, "orphan_institution", 18, 180},
    [DEMO_ORPHAN_SCATTERED] = {170, "orphan_scattered", 18, 365},
    [DEMO_DE_FACTO] = {200, "de_facto_unsupported", 18, 365},
    [DEMO_DE_FACTO_TEKUN] = {60, "de_facto_unsupported|tekun", 16, 365},
    [DEMO_DE_FACTO_DIBAO] = {60, "de_facto_unsupported|dibao", 18, 365},
    [DEMO_HIV] = {25, "hiv", 18, 180},
    [DEMO_POVERTY] = {600, "difficulty_poverty", 18, 0},
    [DEMO_POVERTY_DIBAO] = {900, "difficulty_poverty|dibao", 18, 0},
    [DEMO_DISABILITY] = {1000, "difficulty_disability", 18, 365},
    [DEMO_DISABILITY_DIBAO] = {300, "difficulty_disability|dibao", 18, 365},
    [DEMO_GUARDIANSHIP] = {1000, "difficulty_guardianship", 18, 180},
    [DEMO_DIBAO] = {1140, "dibao", 18, 0},
    [DEMO_LEFT_BEHIND] = {14000, "left_behind", 16, 365},
    [DEMO_MIGRANT] = {26000, "migrant", 16, 365},
    [DEMO_NON_REGISTERED] = {400, "non_registered", 18, 0},
    [DEMO_STREET] = {30, "street", 18, 8 * 365},
};

const char *demo_profile_categories(DemoProfile p)
{
    return p >= 0 && p < DEMO_PROFILES ? profiles[p].categories : "";
}

long demo_scale(long city_count, long minors)
{
    if (minors >= CITY_MINORS) return city_count;
    if (minors <= 0) return 0;
    return (long)((city_count * (long long)minors + CITY_MINORS / 2) / CITY_MINORS);
}

uint64_t demo_splitmix(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void demo_plan(long minors, DemoPlan *out)
{
    memset(out, 0, sizeof *out);
    if (minors < 0) minors = 0;
    out->minors = minors;
    long sum = 0;
    for (int p = 1; p < DEMO_PROFILES; p++) {
        /* the city's figures are for 60,000 minors and more; fewer scale them down */
        long n = demo_scale(profiles[p].city, minors);
        out->count[p] = n;
        sum += n;
    }
    /* rounding up many small counts can overshoot a tiny demo: trim the largest */
    while (sum > minors) {
        int big = 1;
        for (int p = 2; p < DEMO_PROFILES; p++)
            if (out->count[p] > out->count[big]) big = p;
        out->count[big]--;
        sum--;
    }
    out->count[DEMO_ORDINARY] = minors - sum;
}

/* Whether the "|"-separated LIST holds CODE. */
static bool list_has(const char *list, const char *code)
{
    size_t n = strlen(code);
    for (const char *p = list; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, code, n) == 0) return true;
        if (!bar) break;
        p = bar + 1;
    }
    return false;
}

long demo_plan_category(const DemoPlan *plan, const char *code)
{
    long n = 0;
    for (int p = 0; p < DEMO_PROFILES; p++)
        if (list_has(profiles[p].categories, code)) n += plan->count[p];
    return n;
}

/* Deals the next profile: each remaining child is equally likely to be any
   of the remaining slots, so the totals are exact and the order random. */
static DemoProfile deal_profile(DemoGen *g)
{
    long left = g->plan.minors - g->made;   /* at most MAX_MINORS: fits rng_below */
    long r = (long)rng_below(g, (uint32_t)left);
    for (int p = 0; p < DEMO_PROFILES; p++) {
        if (r < g->remaining[p]) {
            g->remaining[p]--;
            return (DemoProfile)p;
        }
        r -= g->remaining[p];
    }
    return DEMO_ORDINARY;   /* not reached: the remaining counts sum to LEFT */
}

/* ------------------------------------------------------------------------ */
/* Villages: names derived once, and weights for where children live. */

struct DemoPlace {
    const char *short_name;   /* 唐洪村, 岗贝社区 */
    const char *core;         /* 唐洪, 岗贝: for school names */
    const char *town_base;    /* 石碣, 东城, 松山湖 */
    const char *school_town;  /* 石碣镇 (towns keep 镇), 东城 (streets drop 街道) */
};

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* S without SUFFIX if it ends with it, in A. */
static char *strip_suffix(Arena *a, const char *s, const char *suffix)
{
    size_t n = strlen(s);
    if (ends_with(s, suffix)) n -= strlen(suffix);
    return arena_strndup(a, s, n);
}

static void derive_place(struct DemoPlace *pl, const DemoVillage *v, Arena *a)
{
    const char *s = v->name;
    if (ends_with(s, "村民委员会")) s = strip_suffix(a, s, "村民委员会");        /* 唐洪村村民委员会 -> 唐洪村 */
    else if (ends_with(s, "居民委员会")) s = strip_suffix(a, s, "居民委员会");   /* 岗贝社区居民委员会 -> 岗贝社区 */
    pl->short_name = s;
    pl->core = ends_with(s, "社区") ? strip_suffix(a, s, "社区") : ends_with(s, "村") ? strip_suffix(a, s, "村") : s;
    const char *town = v->town ? v->town : "";
    if (ends_with(town, "街道")) {
        pl->town_base = strip_suffix(a, town, "街道");
        pl->school_town = pl->town_base;
    } else if (ends_with(town, "镇")) {
        pl->town_base = strip_suffix(a, town, "镇");
        pl->school_town = town;
    } else {
        pl->town_base = town;
        pl->school_town = town;
    }
}

static bool usable(const DemoVillage *v)
{
    return v->code && strlen(v->code) == 12 && !(v->mark && strcmp(v->mark, "virtual") == 0);
}

static bool is_rural(const DemoVillage *v)
{
    return usable(v) && v->kind && strcmp(v->kind, "village") == 0 && !v->mark;
}

/* Cumulative weights: villages differ in size; 生活区 get few children,
   virtual communities none. */
static void build_weights(DemoGen *g)
{
    uint64_t all = 0, rural = 0;
    for (int i = 0; i < g->n_villages; i++) {
        const DemoVillage *v = &g->villages[i];
        uint64_t w = !usable(v) ? 0 : v->mark ? 20 : 400 + rng_below(g, 1200);
        all += w;
        if (is_rural(v)) rural += w;
        g->weight_all[i] = all;
        g->weight_rural[i] = rural;
    }
}

/* A village index drawn by the cumulative weights CUM; -1 if they are all zero. */
static int pick_village(DemoGen *g, const uint64_t *cum)
{
    uint64_t total = cum[g->n_villages - 1];
    if (total == 0) return -1;
    uint64_t r = (uint64_t)rng_below(g, (uint32_t)total);
    int lo = 0, hi = g->n_villages - 1;
    while (lo < hi) {   /* the first index whose cumulative weight exceeds r */
        int mid = (lo + hi) / 2;
        if (cum[mid] > r) hi = mid;
        else lo = mid + 1;
    }
    return lo;
}

/* ------------------------------------------------------------------------ */
/* ID numbers. A child's is unique: for each prefix, birth day and sex the
   generator hands out the 499 sequence numbers in a scrambled order, and
   moves to the next prefix when they run out. Adults' are random: the store
   does not require them to be unique, and their birth dates never meet the
   children's. */

enum { SEQS = 499 };   /* 001..997 odd for boys, 002..998 even for girls; 499 is prime */

static void put_digits(char *out, long v, int n)
{
    for (int i = n - 1; i >= 0; i--) {
        out[i] = (char)('0' + v % 10);
        v /= 10;
    }
}

/* The ID number of ORIGIN, BIRTH, sequence SEQ (1..998) with its check character, in A. */
static char *format_id(Arena *a, int origin, Date birth, int seq)
{
    char *id = arena_alloc(a, 19);
    memcpy(id, origins[origin].code, 6);
    put_digits(id + 6, birth.y, 4);
    put_digits(id + 10, birth.m, 2);
    put_digits(id + 12, birth.d, 2);
    put_digits(id + 14, seq, 3);
    id[17] = idcard_check_char(id);
    id[18] = 0;
    return id;
}

/* A unique ID number for a child born BIRTH, trying ORIGIN first; NULL if every
   prefix's numbers for that day are taken (only past ~260 million children). */
static char *child_id(DemoGen *g, Arena *a, int origin, Date birth, bool male)
{
    long day = g->today_days - date_to_days(birth);
    if (day < 0 || day >= g->id_days) return NULL;
    for (int k = 0; k < N_ORIGINS; k++) {
        int o = (origin + k) % N_ORIGINS;
        uint16_t *used = &g->id_used[((size_t)o * (size_t)g->id_days + (size_t)day) * 2 + (male ? 0 : 1)];
        if (*used >= SEQS) continue;
        /* a stride coprime with 499 walks every number once, in an order that looks random */
        long idx = ((long)g->id_salt + (long)o * 7919 + day * 104729 + (long)*used * 173) % SEQS;
        (*used)++;
        return format_id(a, o, birth, (int)(2 * idx + (male ? 1 : 2)));
    }
    return NULL;
}

static char *adult_id(DemoGen *g, Arena *a, int origin, Date birth, bool male)
{
    return format_id(a, origin, birth, (int)(2 * rng_below(g, SEQS) + (male ? 1 : 2)));
}

/* ------------------------------------------------------------------------ */
/* Names, phones, dates. */

static const char *pick_surname(DemoGen *g)
{
    int r = (int)rng_below(g, (uint32_t)g->surname_total);
    for (int i = 0; i < COUNT(surnames); i++) {
        if (r < surnames[i].weight) return surnames[i].name;
        r -= surnames[i].weight;
    }
    return surnames[0].name;
}

/* SURNAME followed by one or two characters of CHARS (3 bytes each), in A. */
static const char *make_name(DemoGen *g, Arena *a, const char *surname, const char *chars, int two_per_mille)
{
    size_t n_chars = strlen(chars) / 3, sl = strlen(surname);
    int len = chance(g, two_per_mille) ? 2 : 1;
    char *out = arena_alloc(a, sl + 3 * (size_t)len + 1);
    memcpy(out, surname, sl);
    for (int i = 0; i < len; i++) memcpy(out + sl + 3 * (size_t)i, chars + 3 * rng_below(g, (uint32_t)n_chars), 3);
    return out;
}

static const char *make_phone(DemoGen *g, Arena *a)
{
    char *p = arena_alloc(a, 12);
    memcpy(p, phone_prefixes[rng_below(g, COUNT(phone_prefixes))], 3);
    for (int i = 3; i < 11; i++) p[i] = (char)('0' + rng_below(g, 10));
    return p;
}

static Date day_of(long days) { return date_from_days(days); }

static long days_of(Date d) { return date_to_days(d); }

static long max_l(long a, long b) { return a > b ? a : b; }

static long min_l(long a, long b) { return a < b ? a : b; }

/* ------------------------------------------------------------------------ */
/* One child in the making. */

typedef struct Kid {
    DemoProfile profile;
    Child *c;
    Arena *a;
    long birth;             /* days */
    bool male;
    int origin;             /* index into origins: the family's home */
    int village;            /* index into g->villages */
    const char *surname, *mother_surname;
    bool no_hukou;          /* never registered anywhere: no ID number, no hukou */
    long qualifies;         /* days: when the facts first made the child eligible; UNDATED if they do not say */
} Kid;

enum { UNDATED = -1 };

static const struct DemoPlace *place_of(const DemoGen *g, const Kid *k)
{
    return &g->places[k->village];
}

/* A parent with a name, usually an ID number and a phone, situation normal. */
static void make_parent(DemoGen *g, Kid *k, Person *p, bool father)
{
    long age_years = father ? rng_range(g, 22, 45) : rng_range(g, 20, 40);
    Date born = day_of(k->birth - age_years * 365 - rng_range(g, 0, 364));
    p->name = father ? make_name(g, k->a, k->surname, man_chars, 700) : make_name(g, k->a, k->mother_surname, woman_chars, 700);
    if (chance(g, 850)) p->id_number = adult_id(g, k->a, k->origin, born, father);
    if (chance(g, 750)) p->phone = make_phone(g, k->a);
    p->situation = "normal";
}

/* The earliest day a parent's situation may start: a father may be gone
   before the birth, a mother not. */
static long parent_floor(const Kid *k, const Person *p, long before_birth)
{
    return p == &k->c->mother ? k->birth : k->birth - before_birth;
}

/* Dead or declared missing, since a day between shortly before the birth and a month ago. */
static long make_gone(DemoGen *g, Kid *k, Person *p)
{
    bool dead = chance(g, 850);
    p->situation = dead ? "dead" : "declared_missing";
    long since = rng_range(g, parent_floor(k, p, 200), g->today_days - 30);
    p->situation_since = day_of(since);
    p->phone = NULL;
    if (!dead) p->note = "人民法院宣告失踪";
    return since;
}

/* A situation of the set S (DOMAIN.md §2) that holds today; returns the day
   from which it counts: a prison term from its start, lost contact six
   months after the police accepted the report. */
static long make_incapable(DemoGen *g, Kid *k, Person *p)
{
    static const char *const codes[] = {"imprisoned", "drug_rehab", "detained_other", "lost_contact", "severe_disability",
                                        "severe_illness", "guardianship_revoked", "deported"};
    static const int weights[] = {300, 70, 10, 200, 200, 160, 40, 20};
    static const int terms[] = {12, 18, 24, 36, 48, 60, 84, 120, 180};
    int which = pick_weighted(g, weights, COUNT(weights));
    const char *code = codes[which];
    Date today = g->today;
    long since, counts_from;
    p->situation = code;
    if (situation_has_term(code)) {
        int term = strcmp(code, "drug_rehab") == 0 ? 24 : strcmp(code, "detained_other") == 0 ? 12 : terms[rng_below(g, COUNT(terms))];
        /* started between a month ago and a month before the term would end */
        long earliest = days_of(date_add_months(today, -term)) + 31;
        since = rng_range(g, earliest, g->today_days - 30);
        p->term_months = term;
        counts_from = since;
        p->phone = NULL;
    } else if (strcmp(code, "lost_contact") == 0) {
        since = rng_range(g, max_l(parent_floor(k, p, 365), g->today_days - 3650), g->today_days - 200);
        counts_from = days_of(date_add_months(day_of(since), 6));
        p->phone = NULL;
        p->note = "公安机关已受理报案";
    } else {
        since = rng_range(g, max_l(k->birth - 3650, g->today_days - 5475), g->today_days - 30);
        counts_from = since;
        if (strcmp(code, "severe_illness") == 0) p->note = illnesses[rng_below(g, COUNT(illnesses))];
        else if (strcmp(code, "severe_disability") == 0) p->note = disability_notes[rng_below(g, COUNT(disability_notes))];
        else if (strcmp(code, "guardianship_revoked") == 0) p->note = "人民法院判决撤销监护资格";
    }
    p->situation_since = day_of(since);
    return counts_from;
}

/* Working away across a county line since at least 200 days; returns the day the absence reached six months. */
static long make_away(DemoGen *g, Kid *k, Person *p)
{
    long since = rng_range(g, p == &k->c->mother ? k->birth + 30 : k->birth - 730, g->today_days - 200);
    p->situation = "working_away";
    p->situation_since = day_of(since);
    p->note = arena_printf(k->a, "务工地：%s", work_places[rng_below(g, COUNT(work_places))]);
    if (!p->phone) p->phone = make_phone(g, k->a);
    return days_of(date_add_months(day_of(since), 6));
}

/* A relative (or a foster family) who actually looks after the child. */
static void make_guardian(DemoGen *g, Kid *k, bool foster_ok, bool left_behind)
{
    static const char *const rel[] = {"grandfather", "grandmother", "maternal_grandfather", "maternal_grandmother",
                                      "uncle_aunt", "sibling", "other_relative", "foster"};
    static const int w_care[] = {200, 300, 80, 120, 200, 40, 40, 20};
    static const int w_left[] = {250, 400, 60, 120, 120, 0, 50, 0};
    Person *p = &k->c->guardian;
    int r = pick_weighted(g, left_behind ? w_left : w_care, foster_ok || left_behind ? COUNT(rel) : COUNT(rel) - 1);
    long child_age = g->today_days - k->birth;
    if (strcmp(rel[r], "sibling") == 0 && child_age > 12 * 365) r = 4;   /* an adult sibling only for a young child */
    const char *relation = rel[r];
    bool grandparent = r <= 3;
    /* grandfathers and uncles carry the family's surname (maternal grandfathers the mother's); women their own */
    bool man = grandparent ? r % 2 == 0 : chance(g, 500);
    const char *surname = r == 0 || r == 5 || (r == 4 && man) ? k->surname : r == 2 ? k->mother_surname : pick_surname(g);
    long older = grandparent ? rng_range(g, man ? 45 : 43, man ? 68 : 66) : rng_range(g, 20, 45);   /* years */
    long born = k->birth - older * 365 - rng_range(g, 0, 364);
    if (r == 5) born = g->today_days - rng_range(g, 18 * 365 + 5, 25 * 365);   /* an adult brother or sister */
    bool elder = grandparent;
    p->name = make_name(g, k->a, surname, elder ? (man ? elder_man_chars : elder_woman_chars) : (man ? man_chars : woman_chars),
                        elder ? 500 : 700);
    if (chance(g, 700)) p->id_number = adult_id(g, k->a, k->origin, day_of(born), man);
    p->phone = make_phone(g, k->a);
    p->relation = relation;
    p->situation = "normal";
    if (r == 7) p->note = "经民政部门评估的寄养家庭";
}

static void institution_guardian(Kid *k, const char *name)
{
    k->c->guardian.name = name;
    k->c->guardian.relation = "institution";
    k->c->guardian.situation = "normal";
}

/* ------------------------------------------------------------------------ */
/* Parents for each profile; each sets k->qualifies. */

static void parents_normal(DemoGen *g, Kid *k)
{
    make_parent(g, k, &k->c->father, true);
    make_parent(g, k, &k->c->mother, false);
    k->qualifies = UNDATED;
}

/* Both parents dead or declared missing; for a foundling in the welfare
   centre, parents not findable and unnamed. */
static void parents_orphan(DemoGen *g, Kid *k, bool institution)
{
    Child *c = k->c;
    if (institution && chance(g, 700)) {
        long found = rng_range(g, k->birth, min_l(k->birth + 30, g->today_days));
        Person *ps[2] = {&c->father, &c->mother};
        for (int i = 0; i < 2; i++) {
            ps[i]->situation = "declared_missing";
            ps[i]->situation_since = day_of(found);
            ps[i]->note = "查找不到生父母";
        }
        k->qualifies = found + 90;   /* the search notice runs before the child is recognised */
        return;
    }
    make_parent(g, k, &c->father, true);
    make_parent(g, k, &c->mother, false);
    long f = make_gone(g, k, &c->father), m = make_gone(g, k, &c->mother);
    k->qualifies = max_l(max_l(f, m), k->birth) + rng_range(g, 30, 150);
}

/* Both parents in S, or one dead or missing and the other in S. */
static void parents_de_facto(DemoGen *g, Kid *k)
{
    Child *c = k->c;
    make_parent(g, k, &c->father, true);
    make_parent(g, k, &c->mother, false);
    bool father_first = chance(g, 650);   /* fathers are more often the one imprisoned or lost */
    Person *first = father_first ? &c->father : &c->mother, *second = father_first ? &c->mother : &c->father;
    long q1 = make_incapable(g, k, first);
    long q2 = chance(g, 500) ? make_incapable(g, k, second) : make_gone(g, k, second);
    k->qualifies = max_l(max_l(q1, q2), max_l(k->birth, days_of(DE_FACTO_SINCE))) + rng_range(g, 15, 120);
}

/* Both away, or one away and the other unable to guard (in S, or dead). */
static void parents_left_behind(DemoGen *g, Kid *k)
{
    Child *c = k->c;
    make_parent(g, k, &c->father, true);
    make_parent(g, k, &c->mother, false);
    long q = make_away(g, k, &c->father);
    if (chance(g, 850)) q = max_l(q, make_away(g, k, &c->mother));
    else if (chance(g, 800)) q = max_l(q, make_incapable(g, k, &c->mother));
    else q = max_l(q, make_gone(g, k, &c->mother));
    k->qualifies = max_l(max_l(q, k->birth), days_of(LEFT_BEHIND_SINCE)) + rng_range(g, 0, 90);
    make_guardian(g, k, false, true);
}

/* Living with parents who work in Dongguan; eligible six months after arriving. */
static void parents_migrant(DemoGen *g, Kid *k)
{
    parents_normal(g, k);
    long arrived = rng_range(g, k->birth, g->today_days - 200);
    k->qualifies = days_of(date_add_months(day_of(arrived), 6)) + rng_range(g, 0, 60);
}

/* Poverty, disability, 低保: parents at home, sometimes one gravely ill or dead
   (never both in S, which would make the child de facto unsupported). */
static void parents_hardship(DemoGen *g, Kid *k)
{
    parents_normal(g, k);
    Person *p = chance(g, 500) ? &k->c->father : &k->c->mother;
    int r = (int)rng_below(g, 1000);
    if (r < 200) {
        p->situation = "severe_illness";
        p->situation_since = day_of(rng_range(g, g->today_days - 2000, g->today_days - 30));
        p->note = illnesses[rng_below(g, COUNT(illnesses))];
    } else if (r < 300) {
        make_gone(g, k, p);
    }
}

/* Missing or improper guardianship: a parent away, or neglect by parents at
   home, or a single parent after the other died; a relative often steps in. */
static void parents_guardianship(DemoGen *g, Kid *k)
{
    parents_normal(g, k);
    int r = (int)rng_below(g, 1000);
    if (r < 400) make_away(g, k, chance(g, 600) ? &k->c->father : &k->c->mother);
    else if (r < 700) make_gone(g, k, chance(g, 600) ? &k->c->father : &k->c->mother);
    if (chance(g, 400)) make_guardian(g, k, false, false);
}

static void parents_hiv(DemoGen *g, Kid *k)
{
    parents_normal(g, k);
    int r = (int)rng_below(g, 1000);
    if (r < 400) {
        make_gone(g, k, &k->c->mother);
        make_guardian(g, k, false, false);
    } else if (r < 700) {
        k->c->mother.situation = "severe_illness";
        k->c->mother.situation_since = day_of(rng_range(g, k->birth - 365, g->today_days - 30));
    }
}

/* Street children: parents unknown, the rescue centre as temporary guardian. */
static void parents_unknown(DemoGen *g, Kid *k, const char *guardian)
{
    k->c->father.situation = "unknown";
    k->c->mother.situation = "unknown";
    institution_guardian(k, guardian);
    k->qualifies = g->today_days - rng_range(g, 0, 365);   /* taken in within the last year */
}

/* ------------------------------------------------------------------------ */
/* Schooling and health. */

/* Per mille of school-age children of PROFILE who dropped out, by age. */
static int dropout_rate(DemoProfile p, int age)
{
    int band = age >= 15 ? 2 : age >= 12 ? 1 : 0;
    static const int ordinary[] = {0, 2, 8}, difficulty[] = {3, 15, 40}, migrant[] = {1, 5, 20};
    switch (p) {
    case DEMO_ORDINARY: return ordinary[band];
    case DEMO_MIGRANT: return migrant[band];
    case DEMO_NON_REGISTERED: return 100;
    case DEMO_STREET: return 700;
    case DEMO_ORPHAN_INSTITUTION: return ordinary[band];   /* the centre sees to it */
    default: return difficulty[band];
    }
}

static const char *school_name(DemoGen *g, Kid *k, int age)
{
    const struct DemoPlace *pl = place_of(g, k);
    bool from_outside = k->profile == DEMO_MIGRANT || k->profile == DEMO_NON_REGISTERED;
    const char *word = private_school_words[rng_below(g, COUNT(private_school_words))];
    if (age < 6) return age >= 3 && chance(g, 750) ? arena_printf(k->a, "%s%s幼儿园", pl->town_base, pl->core) : NULL;
    if (chance(g, from_outside ? 450 : 120)) return arena_printf(k->a, "%s%s学校", pl->town_base, word);   /* private */
    if (age < 12)
        return chance(g, 450) ? arena_printf(k->a, "%s中心小学", pl->school_town)
                              : arena_printf(k->a, "%s%s小学", pl->town_base, pl->core);
    if (age < 15) return chance(g, 700) ? arena_printf(k->a, "%s中学", pl->school_town) : arena_printf(k->a, "%s第二中学", pl->town_base);
    int r = (int)rng_below(g, 100);
    if (r < 50) return arena_printf(k->a, "东莞市%s高级中学", pl->town_base);
    if (r < 85) return arena_printf(k->a, "东莞市%s职业技术学校", pl->town_base);
    return arena_printf(k->a, "东莞市第%s高级中学", (const char *[]){"一", "二", "三", "四", "五", "六", "七", "八"}[rng_below(g, 8)]);
}

static void schooling(DemoGen *g, Kid *k)
{
    Child *c = k->c;
    int age = date_age_on(c->birth_date, g->today);
    if (age < 6) {
        c->enrolment = "not_school_age";
        c->school = school_name(g, k, age);
        return;
    }
    if (chance(g, dropout_rate(k->profile, age))) {
        c->enrolment = "dropped_out";
        return;
    }
    if (k->profile == DEMO_STREET) return;   /* not known */
    c->enrolment = "in_school";
    bool special = (k->profile == DEMO_DISABILITY || k->profile == DEMO_DISABILITY_DIBAO) && chance(g, 300);
    c->school = special ? "东莞市启智学校" : school_name(g, k, age);
}

static void disability(DemoGen *g, Kid *k)
{
    static const char *const types[] = {"intellectual", "physical", "hearing", "speech", "visual", "mental", "multiple"};
    static const int weights[] = {300, 250, 120, 80, 80, 70, 100};
    static const int levels[] = {200, 300, 300, 200};
    k->c->disability_type = types[pick_weighted(g, weights, COUNT(weights))];
    k->c->disability_level = 1 + pick_weighted(g, levels, COUNT(levels));
    k->c->health = "残疾";
}

/* ------------------------------------------------------------------------ */
/* Identity, residence, hukou. */

static const char *pick_ethnicity(DemoGen *g, int origin)
{
    const Origin *o = &origins[origin];
    if (o->ethnicity && chance(g, o->ethnic_per_mille)) return o->ethnicity;
    if (chance(g, 5)) return local_minorities[rng_below(g, COUNT(local_minorities))];
    return "01";
}

static int pick_migrant_origin(DemoGen *g)
{
    int r = (int)rng_below(g, (uint32_t)g->origin_total);
    for (int i = 0; i < N_ORIGINS; i++) {
        if (r < origins[i].weight) return i;
        r -= origins[i].weight;
    }
    return N_ORIGINS - 1;
}

static void residence(DemoGen *g, Kid *k)
{
    Child *c = k->c;
    const DemoVillage *v = &g->villages[k->village];
    const struct DemoPlace *pl = place_of(g, k);
    c->area = v->code;
    int r = (int)rng_below(g, 100);
    if (r < 60) c->address = arena_printf(k->a, "%s%s%d巷%d号", v->town, pl->short_name, (int)rng_range(g, 1, 20), (int)rng_range(g, 1, 60));
    else c->address = arena_printf(k->a, "%s%s%s%d号", v->town, pl->short_name, roads[rng_below(g, COUNT(roads))], (int)rng_range(g, 1, 300));
}

/* Dongguan hukou in the home village: rural in villages, mostly urban in communities. */
static void local_hukou(DemoGen *g, Kid *k, bool rural)
{
    const DemoVillage *v = &g->villages[k->village];
    bool village = v->kind && strcmp(v->kind, "village") == 0;
    k->c->hukou_type = rural || chance(g, village ? 850 : 200) ? "rural" : "urban";
    k->c->hukou_place = arena_printf(k->a, "广东省东莞市%s%s", v->town, place_of(g, k)->short_name);
}

static void home_hukou(DemoGen *g, Kid *k)
{
    const Origin *o = &origins[k->origin];
    k->c->hukou_type = chance(g, o->rural_per_mille) ? "rural" : "urban";
    k->c->hukou_place = o->place;
}

/* ------------------------------------------------------------------------ */
/* Categories. */

static const char *evidence_for(const char *code, const Child *c)
{
    if (strcmp(code, "orphan_institution") == 0 || strcmp(code, "orphan_scattered") == 0)
        return c->father.note && strcmp(c->father.note, "查找不到生父母") == 0 ? "公安机关查找不到生父母的证明"
                                                                                 : "父母死亡证明或宣告失踪判决书";
    static const char *const table[][2] = {
        {"de_facto_unsupported", "父母情况证明材料；村(居)委会查验意见"},
        {"hiv", "疾病预防控制机构确诊报告"},
        {"difficulty_poverty", "家庭经济状况核对报告"},
        {"difficulty_disability", "残疾人证"},
        {"difficulty_guardianship", "监护评估报告"},
        {"left_behind", "父母外出务工情况；委托监护确认书"},
        {"migrant", "居住证"},
        {"dibao", "低保证"},
        {"tekun", "特困人员救助供养证"},
        {"street", "救助登记表"},
        {"non_registered", "居住情况证明"},
    };
    for (int i = 0; i < COUNT(table); i++)
        if (strcmp(table[i][0], code) == 0) return table[i][1];
    return NULL;
}

/* The first day the category may start: the rule's own start, and for 困境
   children the day of the disability certificate (at least age one). */
static long category_floor(const Kid *k, const char *code)
{
    if (strncmp(code, "difficulty_", 11) == 0) {
        long floor = days_of(DIFFICULTY_SINCE);
        if (strcmp(code, "difficulty_disability") == 0) floor = max_l(floor, k->birth + 365);
        return floor;
    }
    if (strcmp(code, "de_facto_unsupported") == 0 || strcmp(code, "tekun") == 0) return days_of(DE_FACTO_SINCE);
    return 0;
}

static void categories(DemoGen *g, Kid *k)
{
    const char *list = profiles[k->profile].categories;
    if (!*list) return;
    Child *c = k->c;
    int n = 1;
    for (const char *p = list; *p; p++) n += *p == '|';
    c->categories = arena_alloc(k->a, (size_t)n * sizeof *c->categories);
    c->n_categories = 0;
    for (const char *p = list; *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        const CodeEntry *e = NULL;
        for (const CodeEntry *x = CODES_CATEGORY.entries; x->code; x++)
            if (strlen(x->code) == len && memcmp(x->code, p, len) == 0) e = x;
        p = bar ? bar + 1 : p + len;
        if (!e) continue;
        Category *cat = &c->categories[c->n_categories++];
        cat->code = e->code;
        /* when the facts date the eligibility the record starts then (or when the rule began);
           otherwise on some day since birth; never in the future */
        long floor = max_l(k->birth, category_floor(k, e->code));
        long from = k->qualifies == UNDATED ? rng_range(g, floor, g->today_days) : max_l(k->qualifies, floor);
        cat->from = day_of(min_l(from, g->today_days));
        cat->status = chance(g, 20) ? "applied" : "approved";
        cat->evidence = evidence_for(e->code, c);
    }
}

/* ------------------------------------------------------------------------ */
/* One child. */

/* A birth day uniform over the ages from MIN_AGE_DAYS to just under AGE_LIMIT years. */
static long pick_birth(DemoGen *g, int min_age_days, int age_limit)
{
    long earliest = days_of(date_add_months(g->today, -12 * age_limit)) + 1;   /* still under the limit today */
    long latest = g->today_days - 1 - (long)min_age_days;
    return rng_range(g, earliest, latest);
}

/* Where the child lives: the centre's village for its wards, rural villages
   for left-behind children, anywhere (weighted) for the others. */
static int pick_home(DemoGen *g, DemoProfile p)
{
    if (p == DEMO_ORPHAN_INSTITUTION || p == DEMO_STREET) return g->institution;
    int v = p == DEMO_LEFT_BEHIND ? pick_village(g, g->weight_rural) : -1;
    if (v < 0) v = pick_village(g, g->weight_all);
    return v < 0 ? g->institution : v;
}

/* The family's home, for ID numbers and hukou: another province for
   migrants, Dongguan (a few born elsewhere in Guangdong) for the others. */
static int pick_origin(DemoGen *g, DemoProfile p)
{
    if (p == DEMO_MIGRANT || p == DEMO_NON_REGISTERED) return pick_migrant_origin(g);
    if (chance(g, 50)) return (int)rng_range(g, ORIGIN_GUANGDONG_FIRST, ORIGIN_GUANGDONG_LAST);   /* born elsewhere in Guangdong */
    return ORIGIN_DONGGUAN;
}

static void make_family(DemoGen *g, Kid *k)
{
    switch (k->profile) {
    case DEMO_ORPHAN_INSTITUTION:
        parents_orphan(g, k, true);
        institution_guardian(k, WELFARE_CENTRE);
        break;
    case DEMO_ORPHAN_SCATTERED:
        parents_orphan(g, k, false);
        make_guardian(g, k, true, false);
        break;
    case DEMO_DE_FACTO:
    case DEMO_DE_FACTO_TEKUN:
    case DEMO_DE_FACTO_DIBAO:
        parents_de_facto(g, k);
        make_guardian(g, k, false, false);
        break;
    case DEMO_HIV: parents_hiv(g, k); break;
    case DEMO_POVERTY:
    case DEMO_POVERTY_DIBAO:
    case DEMO_DIBAO:
    case DEMO_DISABILITY:
    case DEMO_DISABILITY_DIBAO: parents_hardship(g, k); break;
    case DEMO_GUARDIANSHIP: parents_guardianship(g, k); break;
    case DEMO_LEFT_BEHIND: parents_left_behind(g, k); break;
    case DEMO_MIGRANT: parents_migrant(g, k); break;
    case DEMO_STREET: parents_unknown(g, k, RESCUE_CENTRE); break;
    case DEMO_NON_REGISTERED:
    case DEMO_ORDINARY:
    default: parents_normal(g, k); break;
    }
}

/* Name, sex, birth, ID number, ethnicity, hukou. Children of unknown identity
   (street children, some without any hukou, babies not yet registered) get
   no ID number, so their sex and birth date stand alone. */
static void identity(DemoGen *g, Kid *k)
{
    Child *c = k->c;
    c->name = make_name(g, k->a, k->surname, k->male ? boy_chars : girl_chars, 800);
    c->sex = k->male ? "male" : "female";
    c->birth_date = day_of(k->birth);
    c->ethnicity = pick_ethnicity(g, k->origin);
    long age_days = g->today_days - k->birth;
    bool registered = true;
    if (k->profile == DEMO_STREET || k->no_hukou) registered = false;
    else if (age_days < 183) registered = !chance(g, 500);   /* hukou is often registered months after birth */
    else if (age_days < 365) registered = !chance(g, 150);
    if (registered) c->id_number = child_id(g, k->a, k->origin, c->birth_date, k->male);
    if (k->profile == DEMO_STREET || k->no_hukou) return;   /* no hukou known */
    if (k->profile == DEMO_MIGRANT || k->profile == DEMO_NON_REGISTERED) home_hukou(g, k);
    else if (k->profile == DEMO_ORPHAN_INSTITUTION) {
        k->c->hukou_type = "urban";
        k->c->hukou_place = arena_printf(k->a, "广东省东莞市%s%s(%s集体户)", g->villages[k->village].town,
                                         place_of(g, k)->short_name, WELFARE_CENTRE);
    } else local_hukou(g, k, k->profile == DEMO_LEFT_BEHIND);
}

bool demo_next(DemoGen *g, Child *out, Arena *a)
{
    if (g->made >= g->plan.minors) return false;
    DemoProfile p = deal_profile(g);
    g->made++;
    g->last = p;
    memset(out, 0, sizeof *out);
    Kid k = {.profile = p, .c = out, .a = a};
    const ProfileDesc *d = &profiles[p];
    int min_age = d->min_age_days;
    k.origin = pick_origin(g, p);
    if (p == DEMO_NON_REGISTERED) {
        /* half are 16-17 with another province's hukou (too old to count as migrant), half have no hukou at all */
        k.no_hukou = chance(g, 500);
        if (!k.no_hukou) min_age = 16 * 365 + 5;
    }
    k.birth = pick_birth(g, min_age, d->age_limit);
    k.male = chance(g, 530);   /* Dongguan's sex ratio at birth is high */
    k.village = pick_home(g, p);
    k.surname = pick_surname(g);
    k.mother_surname = pick_surname(g);
    identity(g, &k);
    residence(g, &k);
    if (p == DEMO_ORPHAN_INSTITUTION)
        out->address = arena_printf(a, "%s%s(%s)", g->villages[k.village].town, place_of(g, &k)->short_name, WELFARE_CENTRE);
    else if (p == DEMO_STREET) out->address = NULL;
    make_family(g, &k);
    schooling(g, &k);
    out->health = "健康";
    if (p == DEMO_DISABILITY || p == DEMO_DISABILITY_DIBAO) disability(g, &k);
    else if (p == DEMO_HIV) out->health = "需定期随访服药";
    categories(g, &k);
    out->status = "active";
    return true;
}

DemoProfile demo_last_profile(const DemoGen *g) { return g->last; }

/* ------------------------------------------------------------------------ */

bool demo_init(DemoGen *g, uint64_t seed, Date today, const DemoVillage *villages, int n_villages,
               const char *institution_area, long minors)
{
    memset(g, 0, sizeof *g);
    if (minors > MAX_MINORS) minors = MAX_MINORS;
    int institution = -1;
    for (int i = 0; i < n_villages; i++) {
        if (!usable(&villages[i])) continue;
        if (institution < 0) institution = i;
        if (institution_area && strcmp(villages[i].code, institution_area) == 0) {
            institution = i;
            break;
        }
    }
    if (institution < 0) return false;

    uint64_t x = seed;
    for (int i = 0; i < 4; i++) g->rng[i] = splitmix64(&x);
    g->today = today;
    g->today_days = days_of(today);
    g->villages = villages;
    g->n_villages = n_villages;
    g->institution = institution;
    for (int i = 0; i < COUNT(surnames); i++) g->surname_total += surnames[i].weight;
    for (int i = 0; i < N_ORIGINS; i++) g->origin_total += origins[i].weight;
    demo_plan(minors, &g->plan);
    memcpy(g->remaining, g->plan.count, sizeof g->remaining);

    g->arena = arena_new();
    struct DemoPlace *places = arena_alloc(g->arena, (size_t)n_villages * sizeof *places);
    for (int i = 0; i < n_villages; i++) derive_place(&places[i], &villages[i], g->arena);
    g->places = places;
    g->weight_all = arena_alloc(g->arena, (size_t)n_villages * sizeof *g->weight_all);
    g->weight_rural = arena_alloc(g->arena, (size_t)n_villages * sizeof *g->weight_rural);
    build_weights(g);

    g->id_days = g->today_days - (days_of(date_add_months(today, -12 * 18)) + 1) + 1;
    g->id_salt = (uint32_t)rng_below(g, SEQS);   /* another seed, other sequence numbers */
    g->id_used = calloc((size_t)N_ORIGINS * (size_t)g->id_days * 2, sizeof *g->id_used);
    if (!g->id_used) abort();   /* about 1 MB: as the arena does, out of memory is fatal */
    return true;
}

void demo_free(DemoGen *g)
{
    free(g->id_used);
    arena_free(g->arena);
    memset(g, 0, sizeof *g);
}
