import { describe, expect, it } from 'vitest';
import { createFaqIndex } from '../../../../functions/core/faq/matcher.js';

// A small assistant FAQ: weather and flights name a city in each phrasing (a slot), the recipe entry asks 怎么做
// about a different dish each time.
const index = createFaqIndex([
  {
    id: 'weather',
    questions: ['杭州的天气', '苏州天气怎么样', '成都明天的天气预报', '西安天气如何', '查一下广州的天气'],
  },
  {
    id: 'flight',
    questions: ['北京到上海的航班', '明天去北京的机票', '深圳飞北京的航班', '查询上海到厦门的机票'],
  },
  { id: 'cookbook', questions: ['红烧肉怎么做', '糖醋排骨怎么做', '麻婆豆腐怎么做', '炒青菜的步骤'] },
  { id: 'music', questions: ['我想听歌', '放一首歌', '播放音乐', '来点轻音乐'] },
  { id: 'news', questions: ['今天有什么新闻', '看看新闻', '最近的头条新闻'] },
]);

describe('a Chinese place or time that fills a slot of the entry', () => {
  it.each(['我想知道北京的天气', '你知道南京今天的天气吗'])(
    'answers with the entry whose phrasings each name a city: %s',
    (text) => {
      const match = index.match(text);
      expect(match.band).toBe('answer');
      expect(match.best?.id).toBe('weather');
    },
  );

  it('still answers the entry that uses the city itself', () => {
    const match = index.match('北京到厦门的航班');
    expect(match.band).toBe('answer');
    expect(match.best?.id).toBe('flight');
  });
});

describe('a Chinese pronoun shared with an entry', () => {
  it.each(['怎么写', '你怎么笨笨的'])('is not the theme that answers with the recipe entry: %s', (text) => {
    expect(index.match(text).band).not.toBe('answer');
  });

  it('still answers a recipe question that asks 怎么做', () => {
    const match = index.match('宫保鸡丁怎么做');
    expect(match.band).toBe('answer');
    expect(match.best?.id).toBe('cookbook');
  });
});
