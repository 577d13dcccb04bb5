// Linked into every test (cmake/WorkbenchTesting.cmake): the translations are installed as
// both programs install them at start, so a test sees "1 error", not "1 error(s)".

#include "core/i18n/translations.h"

#include <QCoreApplication>

static void installWorkbenchTranslations()
{
    Workbench::installTranslations(*QCoreApplication::instance());
}
Q_COREAPP_STARTUP_FUNCTION(installWorkbenchTranslations)
