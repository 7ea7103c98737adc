import type { DemoTranslation } from "./types";

// Swahili machine draft of the demo briefing (drafted by an AI model), shown marked as a machine translation.
export const sw: DemoTranslation = {
  consultation: {
    title: "Je, Wizara itumie mfumo wa kompyuta unaotoa alama kuamua nani apate msaada wa fedha kwa kaya?",
    summary: "Kabla ya kusaini mkataba, Wizara ya Hifadhi ya Jamii inawauliza watu wanaoomba msaada wa fedha, maafisa wanaoshughulikia maombi hayo, na mashirika yanayowasaidia waombaji: ni nini kinaweza kwenda vibaya kwa kutumia alama za kompyuta kuamua nani anastahili, nani angeumia zaidi, na ni kinga gani lazima ziwekwe kwanza? Kila maoni yatapata jibu la hadharani, na tathmini ya athari kwa haki za binadamu itasasishwa kwa yale mtakayotueleza kabla ya uamuzi wowote wa kuendelea au kutoendelea.",
  },
  sections: [
    {
      title: "Kwa nini tunakuuliza",
      body: "Wizara bado haijasaini mkataba wa mfumo huu. Kabla ya kuamua, inataka kusikia kutoka kwa watu watakaoathirika: waombaji, familia zao, maafisa wanaoshughulikia maombi, na mashirika yanayowasaidia. Unachotueleza kitaingizwa katika tathmini ya athari za mfumo huu kwa haki za binadamu, na kila maoni yatapata jibu la hadharani linaloeleza Wizara ilifanya nini nayo.\n\nUnaweza kutoa maoni kuhusu mfumo mzima, kuhusu sehemu moja ya maelezo haya, au kujibu maswali yaliyo hapa chini. Unaweza kuandika kwa lugha yoyote.",
      plain: "Wizara inafikiria kutumia mfumo wa kompyuta kupanga maombi ya msaada wa fedha. Bado hakuna kilichoamuliwa. Tueleze unachofikiri. Kila maoni yanapata jibu la hadharani.",
      easyRead: "Serikali inaweza kutumia kompyuta kusaidia kuamua nani apate pesa kutoka mpango wa msaada wa fedha.\n\nBado hakuna kilichoamuliwa.\n\nTunataka kusikia unachofikiri.\n\nTutajibu kila ujumbe.",
    },
    {
      title: "Mfumo huu ni wa nini",
      body: "",
      plain: "Mfumo ungepanga maombi mapya kwa mpangilio, ili maombi yaliyo wazi yalipwe mapema, na kuweka ishara kwenye baadhi ya maombi ili yakaguliwe mara ya pili. Afisa bado angefanya kila uamuzi.",
      easyRead: "Kompyuta inapanga maombi kwenye foleni.\n\nBaadhi ya maombi yanakaguliwa mara mbili.\n\nMtu bado anaamua kila ombi.",
    },
    {
      title: "Mfumo unafanya nini na haufanyi nini",
      body: "",
      plain: "Mfumo unatoa alama kuanzia 0 hadi 100 kwa kila ombi, na ishara ya kukaguliwa mara ya pili. Hauamui nani apate pesa, hauweki kiasi cha pesa, na hautumiki kwa watu ambao tayari wanapokea malipo.",
      easyRead: "Kompyuta inatoa namba kwa kila ombi.\n\nKompyuta haisemi ndiyo au hapana.\n\nKompyuta haiamui utapata pesa kiasi gani.",
    },
    {
      title: "Mfumo unatumia taarifa gani",
      body: "",
      plain: "Mfumo unajifunza kutokana na maombi yaliyotolewa kati ya 2016 na 2023, daftari la kaya na malipo ya zamani. Maombi ya zamani ya karatasi kutoka maeneo ya vijijini na makazi ya wakimbizi hayapo, kwa hiyo mfumo una taarifa chache zaidi kuhusu kaya hizi.",
      easyRead: "Kompyuta inajifunza kutokana na maombi ya zamani.\n\nBaadhi ya maombi ya zamani kutoka vijijini na kambi za wakimbizi hayapo.\n\nKwa hiyo kompyuta inaweza kufanya makosa zaidi kwa familia hizi.",
    },
    {
      title: "Hatari na ahadi za Wizara",
      body: "",
      plain: "Msaada wa fedha ni matumizi ya akili bandia (AI) yenye hatari kubwa. Jaribio liligundua kuwa mfumo unaweka ishara kwenye kaya za wakimbizi mara nyingi zaidi kuliko kaya nyingine. Wizara inaahidi kamwe kutomkatalia mtu yeyote bila ombi lake kupitiwa na mtu, na kamwe kutotoa alama kwa polisi, idara ya uhamiaji au ofisi za kodi.",
      easyRead: "Makosa yanaweza kuumiza familia zinazohitaji pesa.\n\nKompyuta ilikagua familia za wakimbizi mara nyingi zaidi.\n\nWizara inaahidi: mtu ndiye anaamua kila wakati.\n\nWizara inaahidi: polisi hawataziona namba hizi kamwe.",
    },
    {
      title: "Kitu kikienda vibaya",
      body: "",
      plain: "Unaweza kuomba ombi lako lipitiwe upya kikamilifu na mtu, na kuelezwa sababu za ishara, katika ofisi ya wilaya, kwa simu ya bure 0800 100 200 au kwa SMS. Utapata jibu ndani ya siku 15 za kazi. Unaweza pia kuomba ombi lako lisipewe alama.",
      easyRead: "Unaweza kumwomba mtu aangalie ombi lako tena.\n\nPiga simu 0800 100 200. Ni bure.\n\nUtapata jibu ndani ya wiki 3.\n\nUnaweza kusema: msitumie kompyuta kwa ombi langu.",
    },
  ],
  questions: {
    Q1: {
      prompt: "Alama za kompyuta zinaweza kukuathiri vipi wewe, familia yako au watu unaofanya nao kazi?",
      hint: "Fikiria wakati ombi lako, au la mtu mwingine, lilichelewa, lilikataliwa au lilikaguliwa mara mbili.",
    },
    Q2: {
      prompt: "Ni watu gani wangeumia zaidi kama mfumo utafanya makosa, na kwa namna gani?",
      hint: "Kwa mfano watu wasio na kitambulisho, watu ambao kipato chao hubadilika kulingana na msimu, au watu walio mbali na ofisi.",
    },
    Q3: {
      prompt: "Ni nini lazima kiwepo kabla Wizara haijatumia mfumo huu?",
      hint: "Kwa mfano majaribio, mipaka ya matumizi yake, haki ya ombi kupitiwa na mtu, au nani anaikagua kampuni inayouza mfumo.",
    },
    Q4: {
      prompt: "Je, waombaji wawe na haki ya kukataa maombi yao kupewa alama? Nini kingefanya hilo liwe salama na rahisi?",
      hint: "",
    },
  },
};
