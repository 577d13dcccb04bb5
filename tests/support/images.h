#pragma once

// Looking into grabbed images: what a test asserts about a picture, and where a person may
// keep it to look at. Header-only, for the tests that link Qt Gui.

#include <QDir>
#include <QImage>
#include <QRect>
#include <QString>
#include <QtGlobal>

#include <initializer_list>

namespace TestSupport {

// Pixels of `image` inside `region` (all of it when empty) whose colour is one of `colours`
// (alpha ignored).
inline int pixelsOf(const QImage &image, std::initializer_list<QRgb> colours, QRect region = {})
{
    const QRect area = region.isEmpty() ? image.rect() : region.intersected(image.rect());
    int count = 0;
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            const QRgb pixel = image.pixel(x, y) & 0xFFFFFFu;
            for (const QRgb colour : colours) {
                if (pixel == (colour & 0xFFFFFFu)) {
                    ++count;
                    break;
                }
            }
        }
    }
    return count;
}

// Tests write files only under temporary directories: a grabbed picture is kept only when
// WORKBENCH_TEST_SCREENSHOTS names a folder, as `name`.png there, for a person to look at.
inline void keepImage(const QImage &image, const QString &name)
{
    const QString folder = qEnvironmentVariable("WORKBENCH_TEST_SCREENSHOTS");
    if (folder.isEmpty() || !QDir().mkpath(folder))
        return;
    image.save(QDir(folder).filePath(name + QStringLiteral(".png")));
}

} // namespace TestSupport
