/* Counting a query's candidates: tally.py's rank() in C (same answers, bit for bit).
 *
 * The overlap of every record found is summed in a dense accumulator kept between
 * calls (one slot per record, reset after use), in the order tally.py sums it; the
 * best record of each entity and the k best entities are then picked in one pass
 * each, with tally.py's tie-breaks. No Python object is made until the answer.
 * Built by setup.py with floating-point contraction off (no fused multiply-add: the
 * sums and scores must be rounded as Python rounds them). Plain CPython C API.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <string.h>

/* Reusable state, grown on demand. For a record r: pos[r] is its slot in the
 * current call (-1 when not found). For an entity e: ebest[e] is the slot of its
 * best record (-1 when none), erun[e] the slot of its runner-up (-1: none;
 * -2: not looked for). Every entry set during a call is reset before it returns.
 * One state for every thread (the service screens in a thread pool): safe because a
 * call holds the GIL from start to end; it never releases it nor runs Python code
 * (its dictionary look-ups are of str keys). */
static Py_ssize_t n_rec_cap = 0, n_ent_cap = 0;
static int *pos = NULL;
static int *touched = NULL; /* slot -> record */
static double *acc = NULL;  /* slot -> overlap, then score */
static int *ebest = NULL, *erun = NULL;
static int *ents = NULL;    /* entities found, in order first found */

typedef struct {
    double score;
    int record;
} Pick;

static int grow_records(Py_ssize_t n) {
    if (n <= n_rec_cap) return 0;
    int *p = PyMem_Realloc(pos, n * sizeof(int));
    if (!p) return -1;
    pos = p;
    for (Py_ssize_t i = n_rec_cap; i < n; i++) pos[i] = -1;
    int *t = PyMem_Realloc(touched, n * sizeof(int));
    if (!t) return -1;
    touched = t;
    double *a = PyMem_Realloc(acc, n * sizeof(double));
    if (!a) return -1;
    acc = a;
    int *e = PyMem_Realloc(ents, n * sizeof(int));
    if (!e) return -1;
    ents = e;
    n_rec_cap = n;
    return 0;
}

static int grow_entities(Py_ssize_t n) {
    if (n <= n_ent_cap) return 0;
    int *b = PyMem_Realloc(ebest, n * sizeof(int));
    if (!b) return -1;
    ebest = b;
    int *r = PyMem_Realloc(erun, n * sizeof(int));
    if (!r) return -1;
    erun = r;
    for (Py_ssize_t i = n_ent_cap; i < n; i++) ebest[i] = erun[i] = -1;
    n_ent_cap = n;
    return 0;
}

/* Does the ascending run p[0..n) hold r? A binary search without branches on the data
 * (a conditional move per step): the records looked for are in no order, so each
 * step's branch would be a coin toss, and a mispredicted branch costs more than the
 * step. */
static int holds(const int *p, Py_ssize_t n, int r) {
    if (n <= 0) return 0;
    const int *base = p;
    Py_ssize_t len = n;
    while (len > 1) {
        Py_ssize_t half = len / 2;
        base = base[half - 1] < r ? base + half : base;
        len -= half;
    }
    return *base == r;
}

/* Does slot a rank before slot b (higher score; ties by record order)? */
static inline int before(int a, int b, int by_record) {
    if (acc[a] != acc[b]) return acc[a] > acc[b];
    return by_record ? touched[a] < touched[b] : touched[a] > touched[b];
}

/* Is slot a a better pick than the current pick b of the same entity? (Ties: the
 * first in record order, or the first found.) */
static inline int better(int a, int b, int by_record) {
    if (acc[a] != acc[b]) return acc[a] > acc[b];
    return by_record && touched[a] < touched[b];
}

/* The keys of one query: each a run of records (ascending for common keys) and a
 * weight, read from buffers held until the answer is made. */
typedef struct {
    const int *p;
    Py_ssize_t n;
    double w;
} Key;

typedef struct {
    Py_buffer *views;
    Py_ssize_t n_views, cap_views;
    Key *lists, *common;
    Py_ssize_t n_lists, cap_lists, n_common, cap_common;
} Keys;

static void keys_release(Keys *ks) {
    for (Py_ssize_t i = 0; i < ks->n_views; i++) PyBuffer_Release(&ks->views[i]);
    PyMem_Free(ks->views);
    PyMem_Free(ks->lists);
    PyMem_Free(ks->common);
}

/* Hold a buffer of C ints (float_ 0) or C floats (float_ 1); NULL on error. */
static Py_buffer *keys_hold(Keys *ks, PyObject *obj, const char *what, int float_) {
    if (ks->n_views == ks->cap_views) {
        Py_ssize_t cap = ks->cap_views ? 2 * ks->cap_views : 16;
        Py_buffer *v = PyMem_Realloc(ks->views, cap * sizeof(Py_buffer));
        if (!v) {
            PyErr_NoMemory();
            return NULL;
        }
        ks->views = v;
        ks->cap_views = cap;
    }
    Py_buffer *view = &ks->views[ks->n_views];
    if (PyObject_GetBuffer(obj, view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) return NULL;
    const char *f = view->format ? view->format : "B";
    if (*f == '@' || *f == '=' || *f == '<') f++;
    if (view->itemsize != (float_ ? (Py_ssize_t)sizeof(float) : (Py_ssize_t)sizeof(int)) ||
        strcmp(f, float_ ? "f" : "i") != 0) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_TypeError, "%s: expected a buffer of C %s", what,
                     float_ ? "floats" : "ints");
        return NULL;
    }
    ks->n_views++;
    return view;
}

static int keys_add(Keys *ks, int common, const int *p, Py_ssize_t n, double w) {
    Key **arr = common ? &ks->common : &ks->lists;
    Py_ssize_t *len = common ? &ks->n_common : &ks->n_lists;
    Py_ssize_t *cap = common ? &ks->cap_common : &ks->cap_lists;
    if (*len == *cap) {
        Py_ssize_t c = *cap ? 2 * *cap : 16;
        Key *a = PyMem_Realloc(*arr, c * sizeof(Key));
        if (!a) {
            PyErr_NoMemory();
            return -1;
        }
        *arr = a;
        *cap = c;
    }
    (*arr)[(*len)++] = (Key){p, n, w};
    return 0;
}

/* Add a whole buffer of records as a key. */
static int keys_add_obj(Keys *ks, int common, PyObject *obj, double w) {
    Py_buffer *v = keys_hold(ks, obj, common ? "common" : "lists", 0);
    if (!v) return -1;
    return keys_add(ks, common, v->buf, v->len / (Py_ssize_t)sizeof(int), w);
}

/* The answer for the keys gathered (see tally.py's rank). */
static PyObject *count(Keys *ks, PyObject *o_idf, PyObject *o_ent, PyObject *o_len, int n_tokens,
                       double q_idf, Py_ssize_t k, double share, int by_record) {
    Py_buffer *v_idf = keys_hold(ks, o_idf, "rec_idf", 1);
    if (!v_idf) return NULL;
    const float *rec_idf = v_idf->buf;
    Py_ssize_t n_rec = v_idf->len / (Py_ssize_t)sizeof(float);
    Py_buffer *v_ent = keys_hold(ks, o_ent, "rec_entity", 0);
    if (!v_ent) return NULL;
    Py_buffer *v_len = keys_hold(ks, o_len, "rec_len", 0);
    if (!v_len) return NULL;
    const int *rec_entity = v_ent->buf, *rec_len = v_len->buf;
    if (v_ent->len / (Py_ssize_t)sizeof(int) < n_rec ||
        v_len->len / (Py_ssize_t)sizeof(int) < n_rec) {
        PyErr_SetString(PyExc_ValueError, "rec_entity and rec_len must cover rec_idf");
        return NULL;
    }
    if (k < 0) k = 0;
    PyObject *out = NULL;
    int *top = PyMem_Malloc((k + 1) * sizeof(int)); /* the k best entities' best slots */
    Pick *picks = PyMem_Malloc((2 * k + 1) * sizeof(Pick));
    if (!top || !picks || grow_records(n_rec) < 0) {
        PyErr_NoMemory();
        goto done;
    }
    /* 1. Overlaps: each list in turn, then each common key, from 0.0. Every input is
     * checked before it is used, and the state reset on failure (nothing below runs
     * Python code until the answer is made, after the state is reset). */
    int n_slots = 0;
    for (Py_ssize_t i = 0; i < ks->n_lists; i++) {
        const int *p = ks->lists[i].p;
        Py_ssize_t n = ks->lists[i].n;
        double w = ks->lists[i].w;
        for (Py_ssize_t j = 0; j < n; j++) {
            int r = p[j];
            if (r < 0 || r >= n_rec) {
                PyErr_Format(PyExc_IndexError, "record %d out of range", r);
                goto reset;
            }
            int s = pos[r];
            if (s < 0) {
                s = pos[r] = n_slots++;
                touched[s] = r;
                acc[s] = 0.0;
            }
            acc[s] += w;
        }
    }
    for (Py_ssize_t i = 0; i < ks->n_common; i++) {
        const int *p = ks->common[i].p;
        Py_ssize_t n = ks->common[i].n;
        double w = ks->common[i].w;
        if (n <= 8 * (Py_ssize_t)n_slots) { /* (ascending: a record repeated counts once) */
            for (Py_ssize_t j = 0; j < n; j++) {
                int r = p[j];
                if (r >= 0 && r < n_rec && pos[r] >= 0 && (j == 0 || p[j - 1] != r))
                    acc[pos[r]] += w;
            }
        } else {
            for (int s = 0; s < n_slots; s++)
                if (holds(p, n, touched[s])) acc[s] += w;
        }
    }
    /* 2. Scores, and the best record of each entity (the entity state grown as
     * entities beyond it are met: one pass over the records found). */
    int n_ents = 0;
    for (int s = 0; s < n_slots; s++) {
        int r = touched[s];
        int e = rec_entity[r];
        if (e < 0 || e >= n_ent_cap) {
            if (e < 0) {
                PyErr_Format(PyExc_IndexError, "record %d out of range", r);
                goto reset_entities;
            }
            if (grow_entities(e + 1 > 2 * n_ent_cap ? e + 1 : 2 * n_ent_cap) < 0) {
                PyErr_NoMemory();
                goto reset_entities;
            }
        }
        acc[s] = 2.0 * acc[s] / (q_idf + (double)rec_idf[r]);
        int b = ebest[e];
        if (b < 0) {
            ebest[e] = s;
            ents[n_ents++] = e;
        } else if (better(s, b, by_record)) {
            ebest[e] = s;
        }
    }
    /* 3. The k best entities (insertion into a short sorted list). */
    Py_ssize_t n_top = 0;
    for (int i = 0; i < n_ents; i++) {
        int s = ebest[ents[i]];
        if (n_top == k && (k == 0 || !before(s, top[k - 1], by_record))) continue;
        Py_ssize_t j = n_top < k ? n_top++ : k - 1;
        while (j > 0 && before(s, top[j - 1], by_record)) {
            top[j] = top[j - 1];
            j--;
        }
        top[j] = s;
    }
    /* 4. The runner-up of each chosen entity whose best is shorter than the query. */
    int any_short = 0;
    for (Py_ssize_t i = 0; i < n_top; i++) {
        if (rec_len[touched[top[i]]] < n_tokens) {
            erun[rec_entity[touched[top[i]]]] = -2;
            any_short = 1;
        }
    }
    if (any_short) {
        for (int s = 0; s < n_slots; s++) {
            int e = rec_entity[touched[s]], cur = erun[e];
            if (cur == -1 || s == ebest[e]) continue;
            if (cur == -2 || better(s, cur, by_record)) erun[e] = s;
        }
    }
    Py_ssize_t n_picks = 0;
    for (Py_ssize_t i = 0; i < n_top; i++) {
        int s = top[i], e = rec_entity[touched[s]], run = erun[e];
        picks[n_picks++] = (Pick){acc[s], touched[s]};
        if (run >= 0 && acc[run] >= share * acc[s]) picks[n_picks++] = (Pick){acc[run], touched[run]};
        erun[e] = -1;
    }
    /* 5. The state reset; then (only then) the answer made. */
    for (int i = 0; i < n_ents; i++) ebest[ents[i]] = -1;
    for (int s = 0; s < n_slots; s++) pos[touched[s]] = -1;
    out = PyList_New(n_picks);
    if (!out) goto done;
    for (Py_ssize_t i = 0; i < n_picks; i++) {
        PyObject *t = PyTuple_New(2), *score = PyFloat_FromDouble(picks[i].score),
                 *record = PyLong_FromLong(picks[i].record);
        if (t) PyList_SET_ITEM(out, i, t);
        if (!t || !score || !record) {
            Py_XDECREF(score);
            Py_XDECREF(record);
            Py_CLEAR(out);
            goto done;
        }
        PyTuple_SET_ITEM(t, 0, score);
        PyTuple_SET_ITEM(t, 1, record);
    }
    goto done;
reset_entities:
    for (int i = 0; i < n_ents; i++) ebest[ents[i]] = -1;
reset:
    for (int s = 0; s < n_slots; s++) pos[touched[s]] = -1;
done:
    PyMem_Free(top);
    PyMem_Free(picks);
    return out;
}

static PyObject *rank(PyObject *self, PyObject *args) {
    PyObject *lists, *weights, *common, *o_idf, *o_ent, *o_len;
    int n_tokens, by_record;
    double q_idf, share;
    Py_ssize_t k;
    (void)self;
    if (!PyArg_ParseTuple(args, "O!O!O!OOOidndp:rank", &PyList_Type, &lists, &PyList_Type,
                          &weights, &PyList_Type, &common, &o_idf, &o_ent, &o_len, &n_tokens,
                          &q_idf, &k, &share, &by_record))
        return NULL;
    Py_ssize_t n_lists = PyList_GET_SIZE(lists), n_common = PyList_GET_SIZE(common);
    if (PyList_GET_SIZE(weights) != n_lists) {
        PyErr_SetString(PyExc_ValueError, "lists and weights differ in length");
        return NULL;
    }
    Keys ks = {0};
    PyObject *out = NULL;
    for (Py_ssize_t i = 0; i < n_lists; i++) {
        double w = PyFloat_AsDouble(PyList_GET_ITEM(weights, i));
        if ((w == -1.0 && PyErr_Occurred()) ||
            keys_add_obj(&ks, 0, PyList_GET_ITEM(lists, i), w) < 0)
            goto done;
    }
    for (Py_ssize_t i = 0; i < n_common; i++) {
        PyObject *item = PyList_GET_ITEM(common, i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
            PyErr_SetString(PyExc_TypeError, "common: expected (postings, weight) pairs");
            goto done;
        }
        double w = PyFloat_AsDouble(PyTuple_GET_ITEM(item, 1));
        if ((w == -1.0 && PyErr_Occurred()) ||
            keys_add_obj(&ks, 1, PyTuple_GET_ITEM(item, 0), w) < 0)
            goto done;
    }
    out = count(&ks, o_idf, o_ent, o_len, n_tokens, q_idf, k, share, by_record);
done:
    keys_release(&ks);
    return out;
}

/* A float of a list (idf) or tuple (a hit), checked; -1.0 with an error set on failure. */
static double item_float(PyObject *seq, Py_ssize_t i) {
    PyObject *o = PySequence_Fast_GET_ITEM(seq, i);
    return PyFloat_Check(o) ? PyFloat_AS_DOUBLE(o) : PyFloat_AsDouble(o);
}

/* postings[vid] added as a list or a common key; its length in *n. */
static int add_postings(Keys *ks, PyObject *postings, Py_ssize_t vid, int common_if_long,
                        Py_ssize_t common_df, double w, int weak, Py_ssize_t *total) {
    if (vid < 0 || vid >= PyList_GET_SIZE(postings)) {
        PyErr_Format(PyExc_IndexError, "vocabulary id %zd out of range", vid);
        return -1;
    }
    Py_buffer *v = keys_hold(ks, PyList_GET_ITEM(postings, vid), "postings", 0);
    if (!v) return -1;
    Py_ssize_t n = v->len / (Py_ssize_t)sizeof(int);
    if (weak || n > common_df) {
        if (!common_if_long) return 0;
        return keys_add(ks, 1, v->buf, n, w);
    }
    *total += n;
    return keys_add(ks, 0, v->buf, n, w);
}

/* A token's entry (see tally.py): (joined start, joined end, flags, vid, weight, ...). */
enum { E_JSTART, E_JEND, E_FLAGS, E_HITS };
enum { PREFIX = 1, SUFFIX = 2 };

static Py_ssize_t entry_int(PyObject *entry, Py_ssize_t i) {
    return PyLong_AsSsize_t(PyTuple_GET_ITEM(entry, i));
}

/* An argument of a fast call: checked to be of type t (NULL: any), else a TypeError. */
static int arg_of(PyObject *const *args, Py_ssize_t i, PyTypeObject *t, PyObject **out) {
    if (t && !PyObject_TypeCheck(args[i], t)) {
        PyErr_Format(PyExc_TypeError, "candidates() argument %zd must be %s, not %s", i + 1,
                     t->tp_name, Py_TYPE(args[i])->tp_name);
        return -1;
    }
    *out = args[i];
    return 0;
}

static PyObject *candidates(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    PyObject *tokens, *classes, *cache, *miss, *postings, *o_jdata, *vocab, *idf;
    PyObject *weak_classes, *o_idf, *o_ent, *o_len;
    double idf_max, share;
    Py_ssize_t common_df, k, by_record_min;
    (void)self;
    /* (A fast call, its arguments read here: parsing a format took as long as a count. The
     * index's containers come first, bound once: functools.partial.) */
    if (nargs != 17) {
        PyErr_Format(PyExc_TypeError, "candidates() takes 17 arguments (%zd given)", nargs);
        return NULL;
    }
    if (arg_of(args, 0, &PyDict_Type, &cache) < 0 || arg_of(args, 1, NULL, &miss) < 0 ||
        arg_of(args, 2, &PyList_Type, &postings) < 0 || arg_of(args, 3, NULL, &o_jdata) < 0 ||
        arg_of(args, 4, &PyDict_Type, &vocab) < 0 || arg_of(args, 5, &PyList_Type, &idf) < 0 ||
        arg_of(args, 8, NULL, &weak_classes) < 0 || arg_of(args, 9, NULL, &o_idf) < 0 ||
        arg_of(args, 10, NULL, &o_ent) < 0 || arg_of(args, 11, NULL, &o_len) < 0 ||
        arg_of(args, 14, &PyTuple_Type, &tokens) < 0 || arg_of(args, 15, &PyTuple_Type, &classes) < 0)
        return NULL;
    idf_max = PyFloat_AsDouble(args[6]);
    if (idf_max == -1.0 && PyErr_Occurred()) return NULL;
    share = PyFloat_AsDouble(args[12]);
    if (share == -1.0 && PyErr_Occurred()) return NULL;
    common_df = PyNumber_AsSsize_t(args[7], PyExc_OverflowError);
    if (common_df == -1 && PyErr_Occurred()) return NULL;
    k = PyNumber_AsSsize_t(args[16], PyExc_OverflowError);
    if (k == -1 && PyErr_Occurred()) return NULL;
    by_record_min = PyNumber_AsSsize_t(args[13], PyExc_OverflowError);
    if (by_record_min == -1 && PyErr_Occurred()) return NULL;
    Py_ssize_t n_tok = PyTuple_GET_SIZE(tokens);
    if (PyTuple_GET_SIZE(classes) != n_tok) {
        PyErr_SetString(PyExc_ValueError, "tokens and classes differ in length");
        return NULL;
    }
    if (PyList_GET_SIZE(idf) != PyList_GET_SIZE(postings)) {
        PyErr_SetString(PyExc_ValueError, "idf and postings differ in length");
        return NULL;
    }
    Keys ks = {0};
    PyObject *out = NULL, *joined = NULL;
    Py_ssize_t total = 0, n_vocab = PyList_GET_SIZE(postings);
    double q_idf = 0.0, jw = idf_max * 0.8;
    /* 1. Each token's entry: from the cache, else from miss(token) (Python code, run
     * before any buffer is held). Owned references: miss may empty the cache. */
    PyObject **entries = PyMem_Calloc(n_tok ? n_tok : 1, sizeof(PyObject *));
    if (!entries) return PyErr_NoMemory();
    for (Py_ssize_t i = 0; i < n_tok; i++) {
        PyObject *tok = PyTuple_GET_ITEM(tokens, i);
        PyObject *e = PyDict_GetItemWithError(cache, tok);
        if (e) {
            Py_INCREF(e);
        } else {
            if (PyErr_Occurred()) goto done;
            e = PyObject_CallOneArg(miss, tok);
            if (!e) goto done;
        }
        entries[i] = e;
        if (!PyTuple_Check(e) || PyTuple_GET_SIZE(e) < E_HITS ||
            (PyTuple_GET_SIZE(e) - E_HITS) % 2) {
            PyErr_SetString(PyExc_TypeError, "entries: expected (start, end, flags, id, weight, ...)");
            goto done;
        }
    }
    Py_buffer *v_data = keys_hold(&ks, o_jdata, "joined_data", 0);
    if (!v_data) goto done;
    const int *jdata = v_data->buf;
    Py_ssize_t n_data = v_data->len / (Py_ssize_t)sizeof(int);
    /* Weak words add to candidates found otherwise, unless the name has nothing else. */
    int has_strong = 0;
    for (Py_ssize_t i = 0; i < n_tok && !has_strong; i++) {
        int in = PySet_Contains(weak_classes, PyTuple_GET_ITEM(classes, i));
        if (in < 0) goto done;
        has_strong = !in;
    }
    for (Py_ssize_t i = 0; i < n_tok; i++) {
        PyObject *e = entries[i];
        int weak = 0;
        if (has_strong) {
            weak = PySet_Contains(weak_classes, PyTuple_GET_ITEM(classes, i));
            if (weak < 0) goto done;
        }
        double best = 0.0;
        Py_ssize_t n_e = PyTuple_GET_SIZE(e);
        for (Py_ssize_t h = E_HITS; h < n_e; h += 2) {
            Py_ssize_t vid = entry_int(e, h);
            if (vid == -1 && PyErr_Occurred()) goto done;
            if (vid < 0 || vid >= n_vocab) {
                PyErr_Format(PyExc_IndexError, "vocabulary id %zd out of range", vid);
                goto done;
            }
            double w = item_float(e, h + 1);
            if (w == -1.0 && PyErr_Occurred()) goto done;
            if (w > best) best = w;
            if (add_postings(&ks, postings, vid, 1, common_df, w, weak, &total) < 0) goto done;
        }
        /* The token as two or three listed tokens joined ("huawei" ~ "hua wei"). */
        Py_ssize_t start = entry_int(e, E_JSTART), end = entry_int(e, E_JEND);
        if (PyErr_Occurred()) goto done;
        if (start >= 0) {
            if (start > end || end > n_data) {
                PyErr_SetString(PyExc_IndexError, "joined key out of range");
                goto done;
            }
            if (end - start <= common_df) {
                if (keys_add(&ks, 0, jdata + start, end - start, jw) < 0) goto done;
                total += end - start;
                if (jw > best) best = jw;
            }
        }
        q_idf += (n_e > E_HITS || start >= 0) ? best : idf_max;
    }
    /* Adjacent query tokens joined, as a listed token ("hua wei" ~ "huawei"): looked up
     * only when the first is the start of a longer listed token and the last the end of
     * one (or one is empty). */
    for (Py_ssize_t i = 0; i + 1 < n_tok; i++) {
        Py_ssize_t first = entry_int(entries[i], E_FLAGS);
        if (first == -1 && PyErr_Occurred()) goto done;
        for (Py_ssize_t n = 2; n <= 3 && i + n <= n_tok; n++) {
            Py_ssize_t last = entry_int(entries[i + n - 1], E_FLAGS);
            if (last == -1 && PyErr_Occurred()) goto done;
            if (!((first & PREFIX) && (last & SUFFIX)) &&
                PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(tokens, i)) &&
                PyUnicode_GET_LENGTH(PyTuple_GET_ITEM(tokens, i + n - 1)))
                continue;
            Py_XDECREF(joined);
            joined = PyUnicode_Concat(PyTuple_GET_ITEM(tokens, i), PyTuple_GET_ITEM(tokens, i + 1));
            if (joined && n == 3) {
                PyObject *three = PyUnicode_Concat(joined, PyTuple_GET_ITEM(tokens, i + 2));
                Py_SETREF(joined, three);
            }
            if (!joined) goto done;
            PyObject *vid_o = PyDict_GetItemWithError(vocab, joined);
            if (!vid_o) {
                if (PyErr_Occurred()) goto done;
                continue;
            }
            Py_ssize_t vid = PyLong_AsSsize_t(vid_o);
            if (vid == -1 && PyErr_Occurred()) goto done;
            if (vid < 0 || vid >= n_vocab) {
                PyErr_Format(PyExc_IndexError, "vocabulary id %zd out of range", vid);
                goto done;
            }
            double w = item_float(idf, vid);
            if (PyErr_Occurred()) goto done;
            if (add_postings(&ks, postings, vid, 0, common_df, w, 0, &total) < 0) goto done;
        }
    }
    if (total == 0) {
        /* Only very common keys (or none): the caller seeds the count (see index.py). */
        if (ks.n_common) {
            out = Py_None;
            Py_INCREF(out);
        } else {
            out = PyList_New(0);
        }
        goto done;
    }
    out = count(&ks, o_idf, o_ent, o_len, (int)n_tok, q_idf, k, share, total >= by_record_min);
done:
    Py_XDECREF(joined);
    keys_release(&ks);
    for (Py_ssize_t i = 0; i < n_tok; i++) Py_XDECREF(entries[i]);
    PyMem_Free(entries);
    return out;
}

static PyMethodDef methods[] = {
    {"rank", rank, METH_VARARGS,
     "rank(lists, weights, common, rec_idf, rec_entity, rec_len, n_tokens, q_idf, k, share, "
     "by_record): see tally.py."},
    {"candidates", (PyCFunction)(void (*)(void))candidates, METH_FASTCALL,
     "candidates(cache, miss, postings, joined_data, vocab, idf, idf_max, common_df, "
     "weak_classes, rec_idf, rec_entity, rec_len, share, by_record_min, tokens, classes, k): "
     "see tally.py."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "tradecheck.match.tally",
    "Counting a query's candidates (tally.py in C).", -1, methods, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit_tally(void) { return PyModule_Create(&module); }
