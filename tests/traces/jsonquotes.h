#pragma once

#include <QByteArray>

// JSON in test sources, written with single quotes: J("{'name':'x'}") is {"name":"x"}. Raw
// string literals would read better, but CMake's AutoMoc mistakes the quotes and slashes in
// them for the ends of strings and the starts of comments, and then misses the test class.
inline QByteArray J(const char *text)
{
    return QByteArray(text).replace('\'', '"');
}
