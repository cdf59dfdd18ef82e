/* How two tokens' spellings compare: spelling.py in C (same answers).
 *
 * osa_distance: the optimal string alignment distance (insertions, deletions, substitutions and
 * transpositions of adjacent letters, no letter edited twice), compared by code point,
 * capped at cutoff + 1 as rapidfuzz's OSA.distance(a, b, score_cutoff=cutoff) caps it.
 * The token similarity asks for it several times a name, mostly of tokens of four to
 * eight letters: a call into rapidfuzz with a keyword argument cost about 1,350
 * instructions, most of them the call's own; this is a plain positional call and a
 * bit-parallel count (Hyyro 2003, as rapidfuzz counts) over the shorter token.
 *
 * translit_fold: a token with the letters transliteration schemes swap folded, in
 * spelling.py's order of passes over a buffer of code points (a dozen string passes
 * and a list of letters in Python, each made of new string objects).
 *
 * Plain CPython C API; no Python object is made but the answer.
 */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <stdint.h>

/* Letters of the shorter token as bit masks of their positions (Hyyro's pattern
 * match vectors): code points below 256 in a table whose entries are set for the
 * letters of both tokens (and only those are read), others in a short list. */
typedef struct {
    uint64_t low[256];
    Py_UCS4 high_cp[64];
    uint64_t high_mask[64];
    int n_high;
} Masks;

static inline uint64_t mask_of(const Masks *m, Py_UCS4 c) {
    if (c < 256) return m->low[c];
    for (int i = 0; i < m->n_high; i++)
        if (m->high_cp[i] == c) return m->high_mask[i];
    return 0;
}

/* Bit-parallel OSA distance; s1 has 1 to 64 letters. */
static Py_ssize_t osa_bits(int k1, const void *d1, Py_ssize_t n1, int k2, const void *d2,
                           Py_ssize_t n2) {
    Masks m;
    m.n_high = 0;
    for (Py_ssize_t j = 0; j < n2; j++) {
        Py_UCS4 c = PyUnicode_READ(k2, d2, j);
        if (c < 256) m.low[c] = 0;
    }
    for (Py_ssize_t i = 0; i < n1; i++) {
        Py_UCS4 c = PyUnicode_READ(k1, d1, i);
        if (c < 256) m.low[c] = 0;
    }
    for (Py_ssize_t i = 0; i < n1; i++) {
        Py_UCS4 c = PyUnicode_READ(k1, d1, i);
        uint64_t bit = (uint64_t)1 << i;
        if (c < 256) {
            m.low[c] |= bit;
            continue;
        }
        int h = 0;
        while (h < m.n_high && m.high_cp[h] != c) h++;
        if (h == m.n_high) {
            m.high_cp[h] = c;
            m.high_mask[h] = 0;
            m.n_high++;
        }
        m.high_mask[h] |= bit;
    }
    uint64_t vp = ~(uint64_t)0, vn = 0, d0 = 0, pm_old = 0;
    uint64_t last = (uint64_t)1 << (n1 - 1);
    Py_ssize_t dist = n1;
    for (Py_ssize_t j = 0; j < n2; j++) {
        uint64_t pm = mask_of(&m, PyUnicode_READ(k2, d2, j));
        uint64_t tr = (((~d0) & pm) << 1) & pm_old;
        d0 = (((pm & vp) + vp) ^ vp) | pm | vn;
        d0 |= tr;
        uint64_t hp = vn | ~(d0 | vp);
        uint64_t hn = d0 & vp;
        dist += (hp & last) != 0;
        dist -= (hn & last) != 0;
        hp = (hp << 1) | 1;
        hn = hn << 1;
        vp = hn | ~(d0 | hp);
        vn = hp & d0;
        pm_old = pm;
    }
    return dist;
}

/* The textbook recurrence, three rows (tokens longer than 64 letters on both sides). */
static Py_ssize_t osa_rows(int k1, const void *d1, Py_ssize_t n1, int k2, const void *d2,
                           Py_ssize_t n2) {
    Py_ssize_t *rows = PyMem_Malloc(3 * (size_t)(n2 + 1) * sizeof(Py_ssize_t));
    if (!rows) {
        PyErr_NoMemory();
        return -1;
    }
    Py_ssize_t *prev2 = rows, *prev = rows + (n2 + 1), *cur = rows + 2 * (n2 + 1);
    for (Py_ssize_t j = 0; j <= n2; j++) prev[j] = j;
    for (Py_ssize_t i = 1; i <= n1; i++) {
        Py_UCS4 a = PyUnicode_READ(k1, d1, i - 1);
        cur[0] = i;
        for (Py_ssize_t j = 1; j <= n2; j++) {
            Py_UCS4 b = PyUnicode_READ(k2, d2, j - 1);
            Py_ssize_t v = prev[j - 1] + (a != b);
            if (prev[j] + 1 < v) v = prev[j] + 1;
            if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a == PyUnicode_READ(k2, d2, j - 2) &&
                PyUnicode_READ(k1, d1, i - 2) == b && prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
        }
        Py_ssize_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    Py_ssize_t out = prev[n2];
    PyMem_Free(rows);
    return out;
}

static PyObject *osa_distance(PyObject *self, PyObject *const *args, Py_ssize_t nargs) {
    if (nargs != 3) {
        PyErr_SetString(PyExc_TypeError, "osa_distance(a, b, cutoff) takes 3 arguments");
        return NULL;
    }
    PyObject *a = args[0], *b = args[1];
    if (!PyUnicode_Check(a) || !PyUnicode_Check(b)) {
        PyErr_SetString(PyExc_TypeError, "osa_distance: a and b must be str");
        return NULL;
    }
    Py_ssize_t cutoff = PyLong_AsSsize_t(args[2]);
    if (cutoff == -1 && PyErr_Occurred()) return NULL;
    if (cutoff < 0) {
        PyErr_SetString(PyExc_ValueError, "osa_distance: cutoff must be 0 or more");
        return NULL;
    }
    Py_ssize_t n1 = PyUnicode_GET_LENGTH(a), n2 = PyUnicode_GET_LENGTH(b);
    if (n1 > n2) { /* (the distance is symmetric: the shorter token is the pattern) */
        PyObject *t = a;
        a = b;
        b = t;
        Py_ssize_t n = n1;
        n1 = n2;
        n2 = n;
    }
    Py_ssize_t dist;
    if (n1 == 0) {
        dist = n2;
    } else if (n2 - n1 > cutoff) {
        dist = cutoff + 1; /* (every letter of the difference is an edit) */
    } else {
        int k1 = PyUnicode_KIND(a), k2 = PyUnicode_KIND(b);
        const void *d1 = PyUnicode_DATA(a), *d2 = PyUnicode_DATA(b);
        dist = n1 <= 64 ? osa_bits(k1, d1, n1, k2, d2, n2) : osa_rows(k1, d1, n1, k2, d2, n2);
        if (dist < 0) return NULL;
    }
    return PyLong_FromSsize_t(dist <= cutoff ? dist : cutoff + 1);
}


/* spelling.py's _FOLDS, in its order. */
typedef struct {
    Py_UCS4 from[2];
    int n_from;
    Py_UCS4 to[2];
    int n_to;
} Fold;

static const Fold FOLDS[] = {
    {{'e', 'o'}, 2, {'o', 0}, 1}, {{'e', 'u'}, 2, {'u', 0}, 1}, {{'k', 'h'}, 2, {'h', 0}, 1},
    {{'p', 'h'}, 2, {'f', 0}, 1}, {{'c', 'k'}, 2, {'k', 0}, 1}, {{'o', 'u'}, 2, {'u', 0}, 1},
    {{'e', 'e'}, 2, {'i', 0}, 1}, {{'o', 'o'}, 2, {'u', 0}, 1}, {{'o', 0}, 1, {'u', 0}, 1},
    {{'e', 0}, 1, {'i', 0}, 1},   {{'y', 0}, 1, {'i', 0}, 1},   {{'w', 0}, 1, {'v', 0}, 1},
    {{'q', 0}, 1, {'k', 0}, 1},   {{'x', 0}, 1, {'k', 's'}, 2},
};
#define N_FOLDS (sizeof(FOLDS) / sizeof(FOLDS[0]))
/* The diphthong's sign (spelling.py's _DIPHTHONG_SIGN). */
#define DIPHTHONG_SIGN 0x00e4

/* [b-df-hj-np-tv-xz]: what must follow a diphthong for it to be folded. */
static inline int is_consonant(Py_UCS4 c) {
    return c >= 'b' && c <= 'z' && c != 'e' && c != 'i' && c != 'o' && c != 'u' && c != 'y';
}

/* One str.replace(from, to) of src (n letters) into dst; the new length. */
static Py_ssize_t replace_pass(const Fold *f, const Py_UCS4 *src, Py_ssize_t n, Py_UCS4 *dst) {
    Py_ssize_t i = 0, k = 0;
    while (i < n) {
        if (src[i] == f->from[0] && (f->n_from == 1 || (i + 1 < n && src[i + 1] == f->from[1]))) {
            dst[k++] = f->to[0];
            if (f->n_to == 2) dst[k++] = f->to[1];
            i += f->n_from;
        } else {
            dst[k++] = src[i++];
        }
    }
    return k;
}

static PyObject *translit_fold(PyObject *self, PyObject *token) {
    if (!PyUnicode_Check(token)) {
        PyErr_SetString(PyExc_TypeError, "translit_fold: token must be str");
        return NULL;
    }
    Py_ssize_t n = PyUnicode_GET_LENGTH(token);
    if (n == 0) return PyUnicode_New(0, 0);
    /* Only x -> ks lengthens a token: twice its letters are room for every pass. */
    Py_UCS4 stack[2][128];
    Py_UCS4 *heap = NULL, *cur = stack[0], *nxt = stack[1];
    if (2 * n > 128) {
        heap = PyMem_Malloc(2 * (size_t)(2 * n) * sizeof(Py_UCS4));
        if (!heap) return PyErr_NoMemory();
        cur = heap;
        nxt = heap + 2 * n;
    }
    int kind = PyUnicode_KIND(token);
    const void *data = PyUnicode_DATA(token);
    for (Py_ssize_t i = 0; i < n; i++) cur[i] = PyUnicode_READ(kind, data, i);
    if (cur[0] == 'g') cur[0] = 'k'; /* (_ONSETS) */
    Py_ssize_t len = n;
    if (len >= 5) { /* the diphthong before a consonant, left to right */
        Py_ssize_t k = 0, i = 0;
        while (i < len) {
            if (i + 2 < len && (cur[i] == 'a' || cur[i] == 'e') &&
                (cur[i + 1] == 'y' || cur[i + 1] == 'i') && is_consonant(cur[i + 2])) {
                nxt[k++] = DIPHTHONG_SIGN;
                i += 2;
            } else {
                nxt[k++] = cur[i++];
            }
        }
        Py_UCS4 *t = cur;
        cur = nxt;
        nxt = t;
        len = k;
    }
    for (Py_ssize_t i = 1; i < len; i++)
        if (cur[i] == 'j') cur[i] = 'y';
    for (size_t f = 0; f < N_FOLDS; f++) {
        Py_UCS4 first = FOLDS[f].from[0];
        Py_ssize_t i = 0;
        while (i < len && cur[i] != first) i++;
        if (i == len) continue; /* (no letter to fold: no pass) */
        len = replace_pass(&FOLDS[f], cur, len, nxt);
        Py_UCS4 *t = cur;
        cur = nxt;
        nxt = t;
    }
    Py_ssize_t k = 1; /* doubles collapsed */
    for (Py_ssize_t i = 1; i < len; i++)
        if (cur[i] != cur[k - 1]) cur[k++] = cur[i];
    PyObject *out = PyUnicode_FromKindAndData(PyUnicode_4BYTE_KIND, cur, k);
    PyMem_Free(heap);
    return out;
}

static PyMethodDef methods[] = {
    {"osa_distance", (PyCFunction)(void (*)(void))osa_distance, METH_FASTCALL,
     "osa_distance(a, b, cutoff): see spelling.py."},
    {"translit_fold", translit_fold, METH_O, "translit_fold(token): see spelling.py."},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "tradecheck.match.spelling",
    "How two tokens' spellings compare (spelling.py in C).", -1, methods, NULL, NULL, NULL,
    NULL,
};

PyMODINIT_FUNC PyInit_spelling(void) { return PyModule_Create(&module); }
