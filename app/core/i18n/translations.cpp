#include "core/i18n/translations.h"

#include <QCoreApplication>
#include <QLocale>
#include <QTranslator>

using namespace Qt::StringLiterals;

// Q_INIT_RESOURCE must be used outside any namespace; the translations live in the core, a
// static library, so its resources are brought in by hand.
static void initTranslationResources()
{
    Q_INIT_RESOURCE(workbench_translations);
}

namespace Workbench {

namespace {
bool install(QCoreApplication &app, const QLocale &locale)
{
    auto *translator = new QTranslator(&app);
    if (translator->load(locale, u"instana-workbench"_s, u"_"_s, u":/i18n"_s)) {
        QCoreApplication::installTranslator(translator);
        return true;
    }
    delete translator;
    return false;
}
} // namespace

void installTranslations(QCoreApplication &app)
{
    initTranslationResources();
    const QLocale english(QLocale::English);
    install(app, english);
    if (QLocale().language() != QLocale::English)
        install(app, QLocale());
}

} // namespace Workbench
