/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Typed growable arrays, in the spirit of libdrgn's DEFINE_VECTOR.
 *
 *   OC_DEFINE_VECTOR(oc_task_vec, struct oc_task)
 *
 * defines struct oc_task_vec { struct oc_task *data; size_t len, cap; } and
 *   bool oc_task_vec_append(struct oc_task_vec *v, const struct oc_task *e);
 *   struct oc_task *oc_task_vec_push(struct oc_task_vec *v);  zeroed slot
 *   void oc_task_vec_free(struct oc_task_vec *v);
 * Appending returns false/NULL when memory runs out; the vector is then
 * unchanged. A zero-initialized vector is empty and valid.
 */
#ifndef OOMCORE_VECTOR_H
#define OOMCORE_VECTOR_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define OC_DEFINE_VECTOR(name, type)                                          \
	struct name {                                                         \
		type *data;                                                   \
		size_t len, cap;                                              \
	};                                                                    \
	static inline __attribute__((unused)) bool name##_reserve(           \
		struct name *v, size_t n)                                     \
	{                                                                     \
		size_t cap;                                                   \
		type *data;                                                   \
		if (n <= v->cap)                                              \
			return true;                                          \
		cap = v->cap ? v->cap : 8;                                    \
		while (cap < n) {                                             \
			if (cap > SIZE_MAX / 2 / sizeof(type))                \
				return false;                                 \
			cap *= 2;                                             \
		}                                                             \
		data = realloc(v->data, cap * sizeof(type));                  \
		if (!data)                                                    \
			return false;                                         \
		v->data = data;                                               \
		v->cap = cap;                                                 \
		return true;                                                  \
	}                                                                     \
	static inline __attribute__((unused)) type *name##_push(             \
		struct name *v)                                               \
	{                                                                     \
		if (!name##_reserve(v, v->len + 1))                           \
			return NULL;                                          \
		memset(&v->data[v->len], 0, sizeof(type));                    \
		return &v->data[v->len++];                                    \
	}                                                                     \
	static inline __attribute__((unused)) bool name##_append(            \
		struct name *v, const type *e)                                \
	{                                                                     \
		type *slot = name##_push(v);                                  \
		if (!slot)                                                    \
			return false;                                         \
		*slot = *e;                                                   \
		return true;                                                  \
	}                                                                     \
	static inline __attribute__((unused)) void name##_free(              \
		struct name *v)                                               \
	{                                                                     \
		free(v->data);                                                \
		v->data = NULL;                                               \
		v->len = v->cap = 0;                                          \
	}

#define oc_vec_for_each(v, it) \
	for ((it) = (v)->data; (it) && (it) < (v)->data + (v)->len; (it)++)

#endif /* OOMCORE_VECTOR_H */
