# French for the notifications, deadlines, work queues and dashboard (issue 8).
FR = {
    "%(count)d email(s) could not be delivered.": "%(count)d e-mail(s) n'ont pas pu être remis.",
    "Admissibility ruling": "Décision de recevabilité",
    "All": "Tous",
    "Applications": "Candidatures",
    "Applications admissible": "Candidatures recevables",
    "Applications per state": "Candidatures par état",
    "Applications per title": "Candidatures par titre",
    "Applications submitted": "Candidatures déposées",
    "Assessment": "Évaluation",
    "Attempts": "Tentatives",
    "Being retried": "Nouvel essai prévu",
    "Blocks submitted to the jury": "Blocs présentés au jury",
    "Blocks validated": "Blocs validés",
    "Blocks validated per month": "Blocs validés par mois",
    "Blocks you already hold stay yours. You may start a new application at any time.":
        "Les blocs que vous avez déjà obtenus vous restent acquis. Vous pouvez déposer une nouvelle candidature à tout moment.",
    "Certification": "Certification",
    "Dashboard": "Tableau de bord",
    "Documentation": "Constitution du dossier",
    "Download these figures (CSV)": "Télécharger ces chiffres (CSV)",
    "Duration: %(minutes)d minutes.": "Durée : %(minutes)d minutes.",
    "Every message was delivered.": "Tous les messages ont été remis.",
    "Every title": "Tous les titres",
    "Filter": "Filtrer",
    "Filter by state": "Filtrer par état",
    "From application to full title": "De la candidature au titre complet",
    "Full titles awarded": "Titres complets délivrés",
    "Given up": "Abandonnés",
    "Identification": "Identification",
    "If you cannot attend, tell us as soon as possible.":
        "Si vous ne pouvez pas être présent·e, prévenez-nous au plus vite.",
    "Jury results not yet sent to %(candidate)s": "Résultats du jury pas encore envoyés à %(candidate)s",
    "Jury results not yet sent to the candidate": "Résultats du jury pas encore envoyés au candidat",
    "Median days per phase": "Durée médiane par phase (jours)",
    "Median days per phase: from the first time a file enters a phase to the first time it leaves it, over the files that went through it.":
        "Durée médiane par phase : de la première entrée d'un dossier dans la phase à sa première sortie, "
        "calculée sur les dossiers qui l'ont traversée.",
    "Messages still being retried, and messages given up after too many failed attempts.":
        "Messages en cours de nouvel essai, et messages abandonnés après trop d'échecs.",
    "Next attempt": "Prochain essai",
    "No data yet.": "Pas encore de données.",
    "Nothing has changed in your application for the title “%(title)s” since %(date)s.":
        "Votre candidature au titre « %(title)s » n'a pas avancé depuis le %(date)s.",
    "Place: %(place)s": "Lieu : %(place)s",
    "Queued": "Mis en file",
    "Reminder: your jury interview on %(date)s": "Rappel : votre entretien avec le jury le %(date)s",
    "Send again": "Renvoyer",
    "The figures": "Les chiffres",
    "The jury interviewed %(candidate)s on %(date)s for the title “%(title)s”, and the candidate has still not been told the results.":
        "Le jury a reçu %(candidate)s le %(date)s pour le titre « %(title)s », et les résultats "
        "ne lui ont toujours pas été communiqués.",
    "The message to %(address)s will be sent again at the next pass.":
        "Le message destiné à %(address)s sera renvoyé au prochain passage.",
    "This message is not waiting for a retry.": "Ce message n'est pas en attente d'un nouvel essai.",
    "To": "Destinataire",
    "Undelivered mail": "E-mails non remis",
    "Video link: %(link)s": "Lien de visioconférence : %(link)s",
    "Without any action from you, it will be closed as abandoned on %(date)s. Blocks you already hold stay yours.":
        "Sans action de votre part, elle sera close pour abandon le %(date)s. "
        "Les blocs que vous avez déjà obtenus vous restent acquis.",
    "You can now prepare the dossier of each block you chose.":
        "Vous pouvez maintenant préparer le dossier de chacun des blocs choisis.",
    "Your application for the title “%(title)s” has been closed as abandoned after a long period without activity.":
        "Votre candidature au titre « %(title)s » a été close pour abandon après une longue période sans activité.",
    "Your application for the title “%(title)s” received no ruling within the legal period: the law makes it admissible.":
        "Votre candidature au titre « %(title)s » n'a pas reçu de réponse dans le délai légal : "
        "la loi la rend recevable.",
    "Your application has been closed for inactivity": "Votre candidature a été close pour inactivité",
    "Your application is admissible": "Votre candidature est recevable",
    "Your application is waiting for you": "Votre candidature vous attend",
    "Your application will be closed for inactivity": "Votre candidature va être close pour inactivité",
    "Your interview with the jury for the title “%(title)s” takes place on %(when)s.":
        "Votre entretien avec le jury pour le titre « %(title)s » aura lieu le %(when)s.",
    "Your mentor can help you take the next step.": "Votre accompagnateur peut vous aider à franchir la prochaine étape.",
    "interview of %(date)s": "entretien du %(date)s",
}
