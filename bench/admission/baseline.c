// Compiled baseline of the admission matcher: the algorithm of src/engines/admission/matching.ts and
// the tie keys of priority-keys.ts, written in C, for bench/admission/engine-vs-c.ts.
//
//   gcc -O2 -o baseline bench/admission/baseline.c -lm
//   ./baseline INSTANCE.bin OUT.bin [REPEAT]
//
// INSTANCE.bin is written by encodeInstance() in generate.ts. The match phase — tie-key
// preparation (chains, value ranges, place values, lottery codes, the sorted slow path), the
// deferred acceptance itself and the result arrays — is run 1 + REPEAT times (default 3) and timed
// each time (wall clock, this thread's CPU time and the minor page faults); reading the file is not timed. Prints one JSON
// line with the timings, proposals and rounds; writes OUT.bin: int32 proposals, rounds, then
// int32 assignedProgram[n], admitted[P], cutoff[P] of the last run.
//
// Same algorithm and data layout as the TypeScript engine, decision for decision: student-proposing
// deferred acceptance in waves (every free candidate proposes down their list until a program
// holds them; candidates displaced in a wave propose in the next one, in index order, after an LSD
// radix sort); per program a bounded binary min-heap of (key, candidate) entries (worst on top;
// equal keys: the higher candidate order on top), the "bar" (worst held key once full) beside the
// place values of the tie key, and the residual-tie policies strict / accept-all (a linked list of
// applicants tied with the worst held key beyond the quota) / reject-all (the best key ever
// rejected blocks everything at or below it).
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#define NO_SCORE INT32_MIN
enum { RANK = 0, C1 = 1, C2 = 2, LOTTERY = 3 };

typedef struct {
  int32_t n, P, m;
  int32_t *offsets, *program, *score, *rank, *c1, *c2, *cand_order, *quota, *floor_;
  double *lottery;
  uint8_t *policy; /* P: 0 strict, 1 accept-all, 2 reject-all */
  uint8_t *chain;  /* 8 per program; 255 = end (all 255: default chain), 254 alone = empty chain */
} Instance;

typedef struct {
  int32_t *assigned_app, *assigned_program, *admitted, *cutoff;
  int64_t proposals;
  int32_t rounds;
} Result;

static void *xmalloc(size_t bytes) {
  void *p = malloc(bytes ? bytes : 1);
  if (!p) {
    fprintf(stderr, "baseline: out of memory (%zu bytes)\n", bytes);
    exit(1);
  }
  return p;
}
/* An element count for an allocation: at least 1. */
static size_t cnt(int32_t x) { return x > 0 ? (size_t)x : 1; }

static void *xcalloc(size_t count, size_t size) {
  void *p = calloc(count ? count : 1, size);
  if (!p) {
    fprintf(stderr, "baseline: out of memory\n");
    exit(1);
  }
  return p;
}

/* ---------------------------------------------------------------------------------------------- */
/* Tie keys (priority-keys.ts: normaliseChain, lotteryCodes, keySpec, slowKeys)                    */

typedef struct {
  double s_min, max_rank, c1_min, c2_min;
  double *place;      /* 5 per program: score, rank, c1, c2, lottery */
  double *lot;        /* per candidate, higher wins */
  int32_t *order;     /* per candidate, strict final tie-break, lower wins */
  int order_owned;
  uint8_t *slow;      /* per program */
  double *sorted_key; /* per application, or NULL */
} KeySpec;

/* The chain as used: duplicates removed, nothing after lottery, lottery appended under strict. */
static int normalise_chain(const Instance *in, int p, int out[4]) {
  const uint8_t *raw = in->chain + 8 * (size_t)p;
  int given[8];
  int len = 0;
  if (raw[0] == 255) {
    given[0] = RANK;
    given[1] = LOTTERY;
    len = 2;
  } else if (raw[0] != 254) {
    while (len < 8 && raw[len] != 255) {
      given[len] = raw[len];
      len++;
    }
  }
  int k = 0;
  for (int x = 0; x < len; x++) {
    int dup = 0;
    for (int y = 0; y < k; y++) dup |= out[y] == given[x];
    if (dup) continue;
    out[k++] = given[x];
    if (given[x] == LOTTERY) break;
  }
  if (in->policy[p] == 0) {
    int has = 0;
    for (int y = 0; y < k; y++) has |= out[y] == LOTTERY;
    if (!has) out[k++] = LOTTERY;
  }
  return k;
}

static int cmp_double(const void *x, const void *y) {
  double a = *(const double *)x, b = *(const double *)y;
  return a < b ? -1 : a > b;
}

/* Lottery numbers as non-negative integer codes where higher wins; returns their range. */
static double lottery_codes(const Instance *in, double *code) {
  int32_t n = in->n;
  const double *lot = in->lottery;
  if (!lot || n == 0) {
    memset(code, 0, sizeof(double) * (size_t)n);
    return 1;
  }
  double mn = INFINITY, mx = -INFINITY;
  int integral = 1;
  for (int32_t i = 0; i < n; i++) {
    double v = lot[i];
    if (v < mn) mn = v;
    if (v > mx) mx = v;
    if (integral && v != trunc(v)) integral = 0;
  }
  if (integral && mx - mn < 2147483648.0) {
    for (int32_t i = 0; i < n; i++) code[i] = mx - lot[i];
    return mx - mn + 1;
  }
  /* Arbitrary numbers: dense rank among the distinct values. */
  double *sorted = xmalloc(sizeof(double) * (size_t)n);
  memcpy(sorted, lot, sizeof(double) * (size_t)n);
  qsort(sorted, (size_t)n, sizeof(double), cmp_double);
  int32_t u = 0;
  for (int32_t i = 0; i < n; i++)
    if (i == 0 || sorted[i] != sorted[i - 1]) sorted[u++] = sorted[i];
  for (int32_t i = 0; i < n; i++) {
    int32_t lo = 0, hi = u - 1;
    double v = lot[i];
    while (lo < hi) {
      int32_t mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    code[i] = u - 1 - lo;
  }
  free(sorted);
  return u;
}

/* Slow path: applications of programs whose chain does not fit in 53 bits, keyed by dense rank. */
static const Instance *g_in;
static const KeySpec *g_spec;
static const int32_t *g_cand;
static const int *g_crits;
static int g_ncrits;

static double crit_value(int crit, int32_t a) {
  int32_t c = g_cand[a];
  switch (crit) {
    case LOTTERY: return g_spec->lot[c];
    case RANK: return g_spec->max_rank - (g_in->rank ? g_in->rank[a] : a - g_in->offsets[c] + 1);
    case C1: return (double)g_in->c1[a] - g_spec->c1_min;
    default: return (double)g_in->c2[a] - g_spec->c2_min;
  }
}
static int cmp_app(const void *x, const void *y) {
  int32_t a = *(const int32_t *)x, b = *(const int32_t *)y;
  if (g_in->score[a] != g_in->score[b]) return g_in->score[a] < g_in->score[b] ? -1 : 1;
  for (int i = 0; i < g_ncrits; i++) {
    double d = crit_value(g_crits[i], a) - crit_value(g_crits[i], b);
    if (d != 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

static KeySpec key_spec(const Instance *in) {
  int32_t n = in->n, P = in->P, m = in->offsets[n];
  KeySpec sp;
  memset(&sp, 0, sizeof sp);
  if (in->cand_order) {
    sp.order = in->cand_order;
  } else {
    sp.order = xmalloc(sizeof(int32_t) * (size_t)n);
    sp.order_owned = 1;
    for (int32_t i = 0; i < n; i++) sp.order[i] = i;
  }
  /* Distinct chains (a chain is at most 4 criteria: code it as a number). */
  int32_t *chain_of = xmalloc(sizeof(int32_t) * (size_t)P);
  int chains[256][4];
  int chain_len[256];
  int32_t chain_code[256];
  int nchains = 0;
  int used[4] = {0, 0, 0, 0};
  for (int32_t p = 0; p < P; p++) {
    int ch[4] = {0, 0, 0, 0};
    int len = normalise_chain(in, p, ch);
    int32_t codev = len;
    for (int x = 0; x < len; x++) codev = codev * 5 + ch[x] + 1;
    int id = -1;
    for (int k = 0; k < nchains; k++)
      if (chain_code[k] == codev) id = k;
    if (id < 0) {
      id = nchains++;
      chain_code[id] = codev;
      chain_len[id] = len;
      memcpy(chains[id], ch, sizeof ch);
      for (int x = 0; x < len; x++) used[ch[x]] = 1;
    }
    chain_of[p] = id;
  }
  /* Value ranges. */
  int32_t s_min = 0, s_max = 0, max_rank = 1;
  int32_t c1r[2] = {0, 0}, c2r[2] = {0, 0};
  if (m > 0) {
    s_min = s_max = in->score[0];
    for (int32_t a = 0; a < m; a++) {
      int32_t s = in->score[a];
      if (s < s_min) s_min = s;
      else if (s > s_max) s_max = s;
    }
    if (in->rank) {
      for (int32_t a = 0; a < m; a++)
        if (in->rank[a] > max_rank) max_rank = in->rank[a];
    } else {
      for (int32_t i = 0; i < n; i++)
        if (in->offsets[i + 1] - in->offsets[i] > max_rank) max_rank = in->offsets[i + 1] - in->offsets[i];
    }
    for (int k = 0; k < 2; k++) {
      const int32_t *arr = k == 0 ? in->c1 : in->c2;
      int32_t *r = k == 0 ? c1r : c2r;
      if (!arr || !used[k == 0 ? C1 : C2]) continue;
      r[0] = r[1] = arr[0];
      for (int32_t a = 0; a < m; a++) {
        if (arr[a] < r[0]) r[0] = arr[a];
        else if (arr[a] > r[1]) r[1] = arr[a];
      }
    }
  }
  sp.lot = xmalloc(sizeof(double) * cnt(n));
  double range_of[4];
  range_of[LOTTERY] = lottery_codes(in, sp.lot);
  range_of[RANK] = max_rank;
  range_of[C1] = (double)c1r[1] - c1r[0] + 1;
  range_of[C2] = (double)c2r[1] - c2r[0] + 1;
  /* Place values per chain, then per program. */
  double chain_place[256][5];
  int slow_chain[256];
  for (int k = 0; k < nchains; k++) {
    double *w = chain_place[k];
    for (int x = 0; x < 5; x++) w[x] = 0;
    double place = 1;
    for (int x = chain_len[k] - 1; x >= 0; x--) {
      w[1 + chains[k][x]] = place;
      place *= range_of[chains[k][x]];
    }
    w[0] = place;
    double prod = (double)s_max - s_min + 1;
    for (int x = 0; x < chain_len[k]; x++) prod *= range_of[chains[k][x]];
    slow_chain[k] = prod > 9007199254740992.0;
  }
  sp.place = xmalloc(sizeof(double) * 5 * cnt(P));
  sp.slow = xcalloc(cnt(P), 1);
  int any_slow = 0;
  for (int32_t p = 0; p < P; p++) {
    memcpy(sp.place + 5 * (size_t)p, chain_place[chain_of[p]], sizeof(double) * 5);
    if (slow_chain[chain_of[p]]) sp.slow[p] = 1, any_slow = 1;
  }
  sp.s_min = s_min;
  sp.max_rank = max_rank;
  sp.c1_min = c1r[0];
  sp.c2_min = c2r[0];
  if (any_slow) {
    sp.sorted_key = xcalloc((size_t)m, sizeof(double));
    int32_t *cand = xmalloc(sizeof(int32_t) * (size_t)m);
    for (int32_t i = 0; i < n; i++)
      for (int32_t a = in->offsets[i]; a < in->offsets[i + 1]; a++) cand[a] = i;
    int32_t *apps = xmalloc(sizeof(int32_t) * (size_t)m);
    g_in = in;
    g_spec = &sp;
    g_cand = cand;
    for (int k = 0; k < nchains; k++) {
      if (!slow_chain[k]) continue;
      g_crits = chains[k];
      g_ncrits = chain_len[k];
      int32_t cnt = 0;
      for (int32_t a = 0; a < m; a++)
        if (chain_of[in->program[a]] == k) apps[cnt++] = a;
      qsort(apps, (size_t)cnt, sizeof(int32_t), cmp_app);
      double r = 0;
      for (int32_t t = 0; t < cnt; t++) {
        if (t > 0 && cmp_app(&apps[t - 1], &apps[t]) != 0) r++;
        sp.sorted_key[apps[t]] = r;
      }
    }
    free(apps);
    free(cand);
  }
  free(chain_of);
  return sp;
}

static void free_spec(KeySpec *sp) {
  if (sp->order_owned) free(sp->order);
  free(sp->place);
  free(sp->lot);
  free(sp->slow);
  free(sp->sorted_key);
}

/* ---------------------------------------------------------------------------------------------- */
/* Matching (matching.ts: runMatching)                                                             */

/* Per program, side by side (one cache line each): the doubles the proposal loop reads and the
 * integers, as in matching.ts. */
typedef struct {
  double w[5]; /* place values: score, rank, c1, c2, lottery */
  double bar;  /* worst held key once full; -inf before; +inf without seats */
  double blocked; /* reject-all: best key ever rejected */
  double pad;
} ProgD;
typedef struct {
  int32_t floor_, slow, start, size, cap, policy, pad0, pad1;
} ProgI;
/* Heap entries: a key and its candidate side by side; program p's heap is [b, b + s), the worst
 * held applicant (lowest key; on equal keys the higher candidate order) on top. */
typedef struct {
  double key;
  int32_t cand;
  int32_t pad;
} Entry;

static inline void sift_down(Entry *heap, const int32_t *ord, int32_t b, int32_t s, int32_t at) {
  Entry e = heap[b + at];
  for (;;) {
    int32_t child = 2 * at + 1;
    if (child >= s) break;
    Entry *x = &heap[b + child];
    if (child + 1 < s) {
      Entry *r = x + 1;
      if (r->key < x->key || (r->key == x->key && ord[r->cand] > ord[x->cand])) {
        child++;
        x = r;
      }
    }
    if (x->key > e.key || (x->key == e.key && ord[x->cand] < ord[e.cand])) break;
    heap[b + at] = *x;
    at = child;
  }
  heap[b + at] = e;
}

static inline void sift_up(Entry *heap, const int32_t *ord, int32_t b, int32_t at, double k, int32_t c) {
  while (at > 0) {
    int32_t parent = (at - 1) >> 1;
    Entry *x = &heap[b + parent];
    if (x->key < k || (x->key == k && ord[x->cand] > ord[c])) break;
    heap[b + at] = *x;
    at = parent;
  }
  heap[b + at].key = k;
  heap[b + at].cand = c;
}

/* Sorts a[0..len) of values in [0, n) ascending: LSD radix sort, 11 bits a pass. */
static void radix_sort(int32_t *a, int32_t len, int32_t n, int32_t *tmp) {
  int bits = 0;
  while (bits < 31 && (1 << bits) < n) bits++;
  int32_t *src = a, *dst = tmp;
  for (int shift = 0; shift < bits; shift += 11) {
    int32_t count[2049];
    memset(count, 0, sizeof count);
    for (int32_t i = 0; i < len; i++) count[((src[i] >> shift) & 2047) + 1]++;
    for (int d = 0; d < 2048; d++) count[d + 1] += count[d];
    for (int32_t i = 0; i < len; i++) dst[count[(src[i] >> shift) & 2047]++] = src[i];
    int32_t *t = src;
    src = dst;
    dst = t;
  }
  if (src != a) memcpy(a, src, sizeof(int32_t) * (size_t)len);
}

/* One wave: every candidate of cur[0..cur_len) proposes down their list until a program holds
 * them; the candidates displaced meanwhile are appended to nxt. Returns how many. */
static int32_t propose_round(const Instance *in, const KeySpec *spec, ProgD *pd, ProgI *pi, Entry *heap,
                             int32_t *cand, int32_t *tail_head, int32_t *tail_next, const int32_t *cur,
                             int32_t cur_len, int32_t *nxt, int64_t *proposals_out) {
  const int32_t *offsets = in->offsets, *program = in->program, *score = in->score;
  const int32_t *rank = in->rank, *c1 = in->c1, *c2 = in->c2;
  const int32_t *ord = spec->order;
  const double s_min = spec->s_min, max_rank = spec->max_rank, c1_min = spec->c1_min, c2_min = spec->c2_min;
  const double *lot = spec->lot, *sorted_key = spec->sorted_key;
  int32_t nxt_len = 0;
  int64_t proposals = 0;
#define DISPLACE(d)                                               \
  do {                                                            \
    int32_t d_ = (d);                                             \
    if (++cand[2 * d_] < cand[2 * d_ + 1]) nxt[nxt_len++] = d_;   \
  } while (0)
  for (int32_t q = 0; q < cur_len; q++) {
    int32_t c = cur[q];
    int32_t end = cand[2 * c + 1];
    double lc = lot[c];
    int32_t a0 = offsets[c] - 1;
    int32_t a = cand[2 * c];
    for (; a < end; a++) {
      /* Below the floor or under the bar: rejected without touching the heaps. */
      int32_t p = 0;
      double k = 0;
      for (; a < end; a++) {
        p = program[a];
        int32_t sc = score[a];
        if (sc < pi[p].floor_) continue;
        const double *w = pd[p].w;
        if (pi[p].slow) k = sorted_key[a];
        else {
          k = (sc - s_min) * w[0] + (max_rank - (rank ? rank[a] : a - a0)) * w[1] + lc * w[4];
          if (c1) k += (c1[a] - c1_min) * w[2];
          if (c2) k += (c2[a] - c2_min) * w[3];
        }
        proposals++;
        if (k >= pd[p].bar) break;
      }
      if (a == end) break;
      ProgD *d_ = &pd[p];
      ProgI *i_ = &pi[p];
      int pol = i_->policy;
      if (pol == 2 && k <= d_->blocked) continue;
      int32_t b = i_->start, s = i_->size, cap = i_->cap;
      if (s < cap) {
        sift_up(heap, ord, b, s, k, c);
        i_->size = s + 1;
        if (s + 1 == cap) d_->bar = heap[b].key;
        break;
      }
      double wk = heap[b].key;
      if (pol == 0) {
        if (k > wk || ord[c] < ord[heap[b].cand]) {
          int32_t d = heap[b].cand;
          heap[b].key = k;
          heap[b].cand = c;
          sift_down(heap, ord, b, s, 0);
          d_->bar = heap[b].key;
          DISPLACE(d);
          break;
        }
      } else if (pol == 1) {
        if (k == wk) {
          tail_next[c] = tail_head[p];
          tail_head[p] = c;
          break;
        }
        if (k > wk) {
          int32_t d = heap[b].cand;
          heap[b].key = k;
          heap[b].cand = c;
          sift_down(heap, ord, b, s, 0);
          d_->bar = heap[b].key;
          if (heap[b].key == wk) {
            tail_next[d] = tail_head[p];
            tail_head[p] = d;
          } else {
            DISPLACE(d);
            for (int32_t t = tail_head[p]; t != -1; t = tail_next[t]) DISPLACE(t);
            tail_head[p] = -1;
          }
          break;
        }
      } else {
        if (k >= wk) {
          d_->blocked = wk;
          int32_t s2 = s;
          while (s2 > 0 && heap[b].key == wk) {
            int32_t top = heap[b].cand;
            s2--;
            if (s2 > 0) {
              heap[b] = heap[b + s2];
              sift_down(heap, ord, b, s2, 0);
            }
            DISPLACE(top);
          }
          i_->size = s2;
          d_->bar = -INFINITY;
          if (k > wk) {
            sift_up(heap, ord, b, s2, k, c);
            i_->size = s2 + 1;
            if (s2 + 1 == cap) d_->bar = heap[b].key;
            break;
          }
          continue;
        }
        if (k > d_->blocked) d_->blocked = k;
      }
    }
    cand[2 * c] = a;
  }
#undef DISPLACE
  *proposals_out += proposals;
  return nxt_len;
}

static Result run_matching(const Instance *in) {
  int32_t n = in->n, P = in->P;
  const int32_t *offsets = in->offsets, *program = in->program, *score = in->score, *quota = in->quota;
  KeySpec spec = key_spec(in);

  int32_t *cand = xmalloc(sizeof(int32_t) * 2 * cnt(n));
  for (int32_t c = 0; c < n; c++) {
    cand[2 * c] = offsets[c];
    cand[2 * c + 1] = offsets[c + 1];
  }
  ProgD *pd = xcalloc(cnt(P), sizeof(ProgD));
  ProgI *pi = xcalloc(cnt(P), sizeof(ProgI));
  /* Heap capacity: min(quota, applicants). */
  for (int32_t a = 0; a < offsets[n]; a++) pi[program[a]].cap++;
  int32_t total = 0;
  for (int32_t p = 0; p < P; p++) {
    if (quota[p] < pi[p].cap) pi[p].cap = quota[p];
    pi[p].start = total;
    total += pi[p].cap;
    pi[p].floor_ = in->floor_ ? in->floor_[p] : NO_SCORE;
    pi[p].slow = spec.slow[p];
    pi[p].policy = in->policy[p];
    memcpy(pd[p].w, spec.place + 5 * (size_t)p, sizeof(double) * 5);
    pd[p].bar = pi[p].cap == 0 ? INFINITY : -INFINITY;
    pd[p].blocked = -INFINITY;
  }
  Entry *heap = xmalloc(sizeof(Entry) * cnt(total));
  int32_t *tail_head = xmalloc(sizeof(int32_t) * cnt(P));
  for (int32_t p = 0; p < P; p++) tail_head[p] = -1;
  int32_t *tail_next = xcalloc(cnt(n), sizeof(int32_t));
  int32_t *cur = xmalloc(sizeof(int32_t) * cnt(n));
  int32_t *nxt = xmalloc(sizeof(int32_t) * cnt(n));
  int32_t cur_len = 0;
  for (int32_t c = 0; c < n; c++)
    if (offsets[c + 1] > offsets[c]) cur[cur_len++] = c;

  int64_t proposals = 0;
  int32_t rounds = 0;
  while (cur_len > 0) {
    rounds++;
    int32_t nxt_len = propose_round(in, &spec, pd, pi, heap, cand, tail_head, tail_next, cur, cur_len, nxt, &proposals);
    /* Displaced candidates visited in index order, as the engine does (cur, done with, serves as
     * the sort's scratch array). */
    radix_sort(nxt, nxt_len, n, cur);
    int32_t *t = cur;
    cur = nxt;
    nxt = t;
    cur_len = nxt_len;
  }

  Result r;
  r.assigned_app = xmalloc(sizeof(int32_t) * cnt(n));
  r.assigned_program = xmalloc(sizeof(int32_t) * cnt(n));
  r.admitted = xcalloc(cnt(P), sizeof(int32_t));
  r.cutoff = xmalloc(sizeof(int32_t) * cnt(P));
  for (int32_t p = 0; p < P; p++) r.cutoff[p] = NO_SCORE;
  for (int32_t c = 0; c < n; c++) {
    int32_t a = cand[2 * c];
    if (a >= cand[2 * c + 1]) {
      r.assigned_app[c] = -1;
      r.assigned_program[c] = -1;
      continue;
    }
    int32_t p = program[a];
    r.assigned_app[c] = a;
    r.assigned_program[c] = p;
    r.admitted[p]++;
    if (r.cutoff[p] == NO_SCORE || score[a] < r.cutoff[p]) r.cutoff[p] = score[a];
  }
  r.proposals = proposals;
  r.rounds = rounds;
  free(cand);
  free(pd);
  free(pi);
  free(heap);
  free(tail_head);
  free(tail_next);
  free(cur);
  free(nxt);
  free_spec(&spec);
  return r;
}

static void free_result(Result *r) {
  free(r->assigned_app);
  free(r->assigned_program);
  free(r->admitted);
  free(r->cutoff);
}

/* ---------------------------------------------------------------------------------------------- */
/* Reading the instance, timing, writing the result                                                */

static FILE *g_file;
static const char *g_path;
static void read_exact(void *dst, size_t bytes) {
  if (bytes && fread(dst, 1, bytes, g_file) != bytes) {
    fprintf(stderr, "baseline: %s: truncated instance file\n", g_path);
    exit(1);
  }
}
static int32_t *read_i32(size_t count) {
  int32_t *a = xmalloc(sizeof(int32_t) * (count ? count : 1));
  read_exact(a, sizeof(int32_t) * count);
  return a;
}

static Instance read_instance(const char *path) {
  Instance in;
  memset(&in, 0, sizeof in);
  g_path = path;
  g_file = fopen(path, "rb");
  if (!g_file) {
    perror(path);
    exit(1);
  }
  char magic[8];
  int32_t head[4];
  read_exact(magic, 8);
  if (memcmp(magic, "HPTACMI1", 8) != 0) {
    fprintf(stderr, "baseline: %s: not an instance file (bad magic)\n", path);
    exit(1);
  }
  read_exact(head, sizeof head);
  in.n = head[0];
  in.P = head[1];
  in.m = head[2];
  int32_t flags = head[3];
  if (in.n < 0 || in.P < 0 || in.m < 0) {
    fprintf(stderr, "baseline: %s: bad counts in the header\n", path);
    exit(1);
  }
  size_t n = (size_t)in.n, P = (size_t)in.P, m = (size_t)in.m;
  in.offsets = read_i32(n + 1);
  in.program = read_i32(m);
  in.score = read_i32(m);
  if (flags & 1) in.rank = read_i32(m);
  if (flags & 2) in.c1 = read_i32(m);
  if (flags & 4) in.c2 = read_i32(m);
  if (flags & 8) {
    in.lottery = xmalloc(sizeof(double) * (n ? n : 1));
    read_exact(in.lottery, sizeof(double) * n);
  }
  if (flags & 16) in.cand_order = read_i32(n);
  in.quota = read_i32(P);
  if (flags & 32) in.floor_ = read_i32(P);
  in.policy = xmalloc(P ? P : 1);
  read_exact(in.policy, P);
  in.chain = xmalloc(8 * (P ? P : 1));
  read_exact(in.chain, 8 * P);
  fclose(g_file);
  return in;
}

static double clock_ms(clockid_t id) {
  struct timespec ts;
  clock_gettime(id, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}
static double now_ms(void) { return clock_ms(CLOCK_MONOTONIC); }
/* CPU time of this thread: on a machine shared with other work, steadier than the wall clock. */
static double cpu_ms(void) { return clock_ms(CLOCK_THREAD_CPUTIME_ID); }
/* Minor page faults of the process so far (first touches of fresh memory). */
static long minor_faults(void) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return ru.ru_minflt;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: baseline INSTANCE.bin OUT.bin [REPEAT]\n");
    return 2;
  }
  int repeat = argc > 3 ? atoi(argv[3]) : 3;
  double t0 = now_ms();
  Instance in = read_instance(argv[1]);
  double read_ms = now_ms() - t0;
  Result r;
  memset(&r, 0, sizeof r);
  double *wall = xmalloc(sizeof(double) * (size_t)(repeat + 1));
  double *cpu = xmalloc(sizeof(double) * (size_t)(repeat + 1));
  long *faults = xmalloc(sizeof(long) * (size_t)(repeat + 1));
  for (int i = 0; i <= repeat; i++) {
    if (i > 0) free_result(&r);
    long f0 = minor_faults();
    t0 = now_ms();
    double c0 = cpu_ms();
    r = run_matching(&in);
    cpu[i] = cpu_ms() - c0;
    wall[i] = now_ms() - t0;
    faults[i] = minor_faults() - f0;
  }
  printf("{\"read_ms\":%.3f,\"runs_ms\":[", read_ms);
  for (int i = 0; i <= repeat; i++) printf("%s%.3f", i ? "," : "", wall[i]);
  printf("],\"cpu_ms\":[");
  for (int i = 0; i <= repeat; i++) printf("%s%.3f", i ? "," : "", cpu[i]);
  printf("],\"faults\":[");
  for (int i = 0; i <= repeat; i++) printf("%s%ld", i ? "," : "", faults[i]);
  printf("],\"proposals\":%lld,\"rounds\":%d}\n", (long long)r.proposals, r.rounds);
  FILE *out = fopen(argv[2], "wb");
  if (!out) {
    perror(argv[2]);
    return 1;
  }
  int32_t head[2] = {(int32_t)r.proposals, r.rounds};
  fwrite(head, sizeof head, 1, out);
  fwrite(r.assigned_program, sizeof(int32_t), (size_t)in.n, out);
  fwrite(r.admitted, sizeof(int32_t), (size_t)in.P, out);
  fwrite(r.cutoff, sizeof(int32_t), (size_t)in.P, out);
  fclose(out);
  return 0;
}
