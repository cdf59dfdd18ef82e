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
 * -2: not looked for). Every entry set during a call is reset before it returns. */
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

/* A read-only buffer of C ints (array('i'), an int32 numpy array, ...). */
static int get_ints(PyObject *obj, Py_buffer *view, const char *what) {
    if (PyObject_GetBuffer(obj, view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) return -1;
    const char *f = view->format ? view->format : "B";
    if (*f == '@' || *f == '=' || *f == '<') f++;
    if (view->itemsize != sizeof(int) || strcmp(f, "i") != 0) {
        PyBuffer_Release(view);
        PyErr_Format(PyExc_TypeError, "%s: expected a buffer of C ints", what);
        return -1;
    }
    return 0;
}

static int get_floats(PyObject *obj, Py_buffer *view) {
    if (PyObject_GetBuffer(obj, view, PyBUF_FORMAT | PyBUF_C_CONTIGUOUS) < 0) return -1;
    const char *f = view->format ? view->format : "B";
    if (*f == '@' || *f == '=' || *f == '<') f++;
    if (view->itemsize != sizeof(float) || strcmp(f, "f") != 0) {
        PyBuffer_Release(view);
        PyErr_SetString(PyExc_TypeError, "rec_idf: expected a buffer of C floats");
        return -1;
    }
    return 0;
}

static int holds(const int *p, Py_ssize_t n, int r) {
    Py_ssize_t lo = 0, hi = n;
    while (lo < hi) {
        Py_ssize_t mid = (lo + hi) / 2;
        if (p[mid] < r) lo = mid + 1; else hi = mid;
    }
    return lo < n && p[lo] == r;
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

static PyObject *rank(PyObject *self, PyObject *args) {
    PyObject *lists, *weights, *common, *o_idf, *o_ent, *o_len;
    int n_tokens, by_record;
    double q_idf, share;
    Py_ssize_t k;
    if (!PyArg_ParseTuple(args, "O!O!O!OOOidndp:rank", &PyList_Type, &lists, &PyList_Type,
                          &weights, &PyList_Type, &common, &o_idf, &o_ent, &o_len, &n_tokens,
                          &q_idf, &k, &share, &by_record))
        return NULL;
    Py_ssize_t n_lists = PyList_GET_SIZE(lists), n_common = PyList_GET_SIZE(common);
    if (PyList_GET_SIZE(weights) != n_lists) {
        PyErr_SetString(PyExc_ValueError, "lists and weights differ in length");
        return NULL;
    }
    Py_ssize_t n_views = 3 + n_lists + n_common, got = 0;
    Py_buffer *views = PyMem_Calloc(n_views > 0 ? n_views : 1, sizeof(Py_buffer));
    double *ws = PyMem_Malloc((n_lists + n_common + 1) * sizeof(double));
    int *top = NULL; /* slots of the k best entities' best records, best first */
    Pick *picks = NULL;
    PyObject *out = NULL;
    if (!views || !ws) {
        PyErr_NoMemory();
        goto done;
    }
    /* Every input is read before the state is touched: nothing below runs Python code. */
    if (get_floats(o_idf, &views[0]) < 0) goto done;
    got = 1;
    if (get_ints(o_ent, &views[1], "rec_entity") < 0) goto done;
    got = 2;
    if (get_ints(o_len, &views[2], "rec_len") < 0) goto done;
    got = 3;
    for (Py_ssize_t i = 0; i < n_lists; i++, got++) {
        if (get_ints(PyList_GET_ITEM(lists, i), &views[got], "lists") < 0) goto done;
        ws[i] = PyFloat_AsDouble(PyList_GET_ITEM(weights, i));
        if (ws[i] == -1.0 && PyErr_Occurred()) {
            got++;
            goto done;
        }
    }
    for (Py_ssize_t i = 0; i < n_common; i++, got++) {
        PyObject *item = PyList_GET_ITEM(common, i);
        if (!PyTuple_Check(item) || PyTuple_GET_SIZE(item) != 2) {
            PyErr_SetString(PyExc_TypeError, "common: expected (postings, weight) pairs");
            goto done;
        }
        if (get_ints(PyTuple_GET_ITEM(item, 0), &views[got], "common") < 0) goto done;
        ws[n_lists + i] = PyFloat_AsDouble(PyTuple_GET_ITEM(item, 1));
        if (ws[n_lists + i] == -1.0 && PyErr_Occurred()) {
            got++;
            goto done;
        }
    }
    const float *rec_idf = views[0].buf;
    const int *rec_entity = views[1].buf, *rec_len = views[2].buf;
    Py_ssize_t n_rec = views[0].len / (Py_ssize_t)sizeof(float);
    if (views[1].len / (Py_ssize_t)sizeof(int) < n_rec ||
        views[2].len / (Py_ssize_t)sizeof(int) < n_rec) {
        PyErr_SetString(PyExc_ValueError, "rec_entity and rec_len must cover rec_idf");
        goto done;
    }
    if (k < 0) k = 0;
    /* Entities of the records any list holds: checked, and the state sized, first. */
    Py_ssize_t max_ent = -1;
    for (Py_ssize_t i = 0; i < n_lists; i++) {
        const int *p = views[3 + i].buf;
        Py_ssize_t n = views[3 + i].len / (Py_ssize_t)sizeof(int);
        for (Py_ssize_t j = 0; j < n; j++) {
            int r = p[j];
            if (r < 0 || r >= n_rec || rec_entity[r] < 0) {
                PyErr_Format(PyExc_IndexError, "record %d out of range", r);
                goto done;
            }
            if (rec_entity[r] > max_ent) max_ent = rec_entity[r];
        }
    }
    top = PyMem_Malloc((k + 1) * sizeof(int));
    picks = PyMem_Malloc((2 * k + 1) * sizeof(Pick));
    if (!top || !picks || grow_records(n_rec) < 0 || grow_entities(max_ent + 1) < 0) {
        PyErr_NoMemory();
        goto done;
    }
    /* 1. Overlaps: each list in turn, then each common key, from 0.0. */
    int n_slots = 0;
    for (Py_ssize_t i = 0; i < n_lists; i++) {
        const int *p = views[3 + i].buf;
        Py_ssize_t n = views[3 + i].len / (Py_ssize_t)sizeof(int);
        double w = ws[i];
        for (Py_ssize_t j = 0; j < n; j++) {
            int r = p[j], s = pos[r];
            if (s < 0) {
                s = pos[r] = n_slots++;
                touched[s] = r;
                acc[s] = 0.0;
            }
            acc[s] += w;
        }
    }
    for (Py_ssize_t i = 0; i < n_common; i++) {
        const int *p = views[3 + n_lists + i].buf;
        Py_ssize_t n = views[3 + n_lists + i].len / (Py_ssize_t)sizeof(int);
        double w = ws[n_lists + i];
        if (n <= 8 * (Py_ssize_t)n_slots) { /* (ascending, each record once) */
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
    /* 2. Scores, and the best record of each entity. */
    int n_ents = 0;
    for (int s = 0; s < n_slots; s++) {
        int r = touched[s];
        acc[s] = 2.0 * acc[s] / (q_idf + (double)rec_idf[r]);
        int e = rec_entity[r], b = ebest[e];
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
        PyObject *t = Py_BuildValue("(di)", picks[i].score, picks[i].record);
        if (!t) {
            Py_CLEAR(out);
            goto done;
        }
        PyList_SET_ITEM(out, i, t);
    }
done:
    for (Py_ssize_t i = 0; i < got; i++) PyBuffer_Release(&views[i]);
    PyMem_Free(views);
    PyMem_Free(ws);
    PyMem_Free(top);
    PyMem_Free(picks);
    return out;
}

static PyMethodDef methods[] = {
    {"rank", rank, METH_VARARGS,
     "rank(lists, weights, common, rec_idf, rec_entity, rec_len, n_tokens, q_idf, k, share, "
     "by_record): see tally.py."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "tradecheck.match.tally",
    "Counting a query's candidates (tally.py's rank in C).", -1, methods,
};

PyMODINIT_FUNC PyInit_tally(void) { return PyModule_Create(&module); }
