import type { DemoTranslation } from "./types";

// French translation of the demo briefing, drafted by an AI model. The demo (fictional throughout, like its
// people and comments) presents it as a person's reviewed translation, to show that status.
export const fr: DemoTranslation = {
  consultation: {
    title:
      "Le ministère doit-il utiliser une notation automatisée pour décider qui reçoit les transferts monétaires destinés aux ménages ?",
    summary:
      "Avant de signer un contrat, le ministère de la Protection sociale interroge les personnes qui demandent des transferts monétaires, les agents qui traitent leurs demandes et les organisations qui les aident : qu'est-ce qui pourrait mal se passer avec une notation automatisée de l'éligibilité, qui en souffrirait le plus, et quelles garanties doivent d'abord être mises en place ? Chaque commentaire reçoit une réponse publique, et l'étude d'impact sur les droits humains sera mise à jour avec ce que vous nous direz, avant toute décision de lancer ou non le système.",
  },
  sections: [
    {
      title: "Pourquoi nous vous consultons",
      body: "Le ministère n'a pas encore signé de contrat pour ce système. Avant de décider, il veut entendre les personnes qui seraient concernées : les personnes qui font une demande, leurs familles, les agents qui traitent les demandes et les organisations qui les aident. Ce que vous nous dites sera intégré à l'étude d'impact du système sur les droits humains, et chaque commentaire recevra une réponse publique indiquant ce que le ministère en a fait.\n\nVous pouvez commenter l'ensemble du système ou une partie de cette note d'information, ou répondre aux questions ci-dessous. Vous pouvez écrire dans n'importe quelle langue.",
      plain:
        "Le ministère envisage d'utiliser un système informatique pour trier les demandes de transferts monétaires. Rien n'est encore décidé. Dites-nous ce que vous en pensez. Chaque commentaire reçoit une réponse publique.",
      easyRead:
        "Le gouvernement pourrait utiliser un ordinateur pour l'aider à choisir qui reçoit l'aide en argent.\n\nRien n'est encore décidé.\n\nNous voulons savoir ce que vous pensez.\n\nNous répondrons à chaque message.",
    },
    {
      title: "À quoi sert le système",
      body: "",
      plain:
        "Le système mettrait les nouvelles demandes dans un ordre de traitement, pour que les cas clairs soient payés plus vite, et signalerait certaines demandes pour une deuxième vérification. Chaque décision serait toujours prise par un agent.",
      easyRead:
        "L'ordinateur met les demandes dans une file.\n\nCertaines demandes sont vérifiées deux fois.\n\nC'est toujours une personne qui décide, pour chaque demande.",
    },
    {
      title: "Ce qu'il fait et ce qu'il ne fait pas",
      body: "",
      plain:
        "Il donne à chaque demande une note de 0 à 100 et indique si elle doit être vérifiée une deuxième fois. Il ne décide pas qui reçoit de l'argent, ne fixe pas le montant, et n'est pas utilisé pour les personnes qui reçoivent déjà des paiements.",
      easyRead:
        "L'ordinateur donne un nombre à chaque demande.\n\nL'ordinateur ne dit pas oui ou non.\n\nL'ordinateur ne décide pas combien d'argent vous recevez.",
    },
    {
      title: "Quelles informations il utilise",
      body: "",
      plain:
        "Il apprend à partir des demandes faites entre 2016 et 2023, du registre des ménages et des paiements passés. D'anciennes demandes sur papier venant des zones rurales et des sites d'accueil de réfugiés manquent : le système connaît donc moins bien ces ménages.",
      easyRead:
        "L'ordinateur apprend à partir d'anciennes demandes.\n\nCertaines anciennes demandes venant de villages et de camps de réfugiés manquent.\n\nAlors l'ordinateur peut faire plus d'erreurs pour ces familles.",
    },
    {
      title: "Les risques et ce que le ministère promet",
      body: "",
      plain:
        "Utiliser l'IA pour les transferts monétaires est un usage à haut risque. Un test a montré que le système signale les ménages de réfugiés plus souvent que les autres. Le ministère promet de ne jamais refuser l'aide à quelqu'un sans qu'une personne ait examiné son dossier, et de ne jamais partager les notes avec la police, les services de l'immigration ou l'administration fiscale.",
      easyRead:
        "Les erreurs peuvent faire du mal aux familles qui ont besoin d'argent.\n\nL'ordinateur a vérifié plus souvent les familles de réfugiés.\n\nLe ministère promet : c'est toujours une personne qui décide.\n\nLe ministère promet : la police ne verra jamais les nombres.",
    },
    {
      title: "Si quelque chose se passe mal",
      body: "",
      plain:
        "Vous pouvez demander qu'une personne réexamine entièrement votre dossier, et connaître les raisons d'un signalement, dans un bureau de district, au numéro gratuit 0800 100 200 ou par SMS. Vous recevez une réponse sous 15 jours ouvrables. Vous pouvez aussi demander que votre dossier ne reçoive pas de note.",
      easyRead:
        "Vous pouvez demander à une personne de regarder à nouveau votre demande.\n\nAppelez le 0800 100 200. C'est gratuit.\n\nVous recevez une réponse en 3 semaines.\n\nVous pouvez dire : n'utilisez pas l'ordinateur pour ma demande.",
    },
  ],
  questions: {
    Q1: {
      prompt:
        "Comment la notation automatisée pourrait-elle vous toucher, vous, votre famille ou les personnes avec qui vous travaillez ?",
      hint: "Pensez à une fois où votre demande, ou celle de quelqu'un d'autre, a pris beaucoup de temps, a été refusée ou a été vérifiée deux fois.",
    },
    Q2: {
      prompt:
        "Quelles personnes souffriraient le plus si le système faisait des erreurs, et de quelle manière ?",
      hint: "Par exemple les personnes sans carte d'identité, les personnes dont les revenus changent selon les saisons, ou les personnes qui vivent loin d'un bureau.",
    },
    Q3: {
      prompt:
        "Que faut-il mettre en place avant que le ministère utilise ce système ?",
      hint: "Par exemple des tests, des limites à son utilisation, le droit à un examen par une personne, ou qui contrôle le fournisseur.",
    },
    Q4: {
      prompt:
        "Les personnes qui font une demande devraient-elles pouvoir refuser la notation ? Qu'est-ce qui rendrait ce refus sûr et facile ?",
      hint: "",
    },
  },
};
