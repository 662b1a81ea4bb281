import { EventBus } from '../../src/core/pubsub/event-bus';
import { answerQuestion, askQuestion, createMerchantWithProduct } from '../helpers/catalog-factories';
import { sql, dbId } from '../helpers/database';
import { type TestUser, createUser } from '../helpers/factories';
import { startTestServer, type TestServer } from '../helpers/server';

describe('product questions and answers', () => {
  let server: TestServer;
  let shopOwner: TestUser;
  let asker: TestUser;
  let neighbour: TestUser;
  let productId: string;
  beforeAll(async () => {
    server = await startTestServer();
    [shopOwner, asker, neighbour] = await Promise.all([1, 2, 3].map(() => createUser(server)));
    productId = (await createMerchantWithProduct(server.gql, shopOwner.token)).product.id;
  });
  afterAll(() => server.close());

  const notificationsOf = async (user: TestUser) => {
    const db = await sql(server.databaseUrl);
    try {
      const { rows } = await db.query(
        'SELECT id, recipient_id, actor_id, kind, data FROM notifications WHERE recipient_id = $1 ORDER BY created_at',
        [dbId(user.id)],
      );
      return rows;
    } finally {
      await db.close();
    }
  };

  it('asks and answers; the shop’s answer is marked and comes first, and the asker is notified after commit', async () => {
    const events = server.container.get(EventBus).subscribe(`notifications:${dbId(asker.id)}`);
    const iterator = events[Symbol.asyncIterator]();
    const firstEvent = iterator.next(); // starts listening; later events are buffered
    const asked = await server.gql(
      ASK,
      { input: { productId, body: ' Is the milk from your own cows? ' } },
      asker.token,
    );
    expect(asked.data.askQuestion).toEqual({
      question: {
        id: expect.any(String),
        body: 'Is the milk from your own cows?',
        author: { id: asker.id },
        product: { id: productId },
        answers: [],
        answerCount: 0,
      },
      userErrors: [],
    });
    const questionId = asked.data.askQuestion.question.id;

    const fromNeighbour = await answerQuestion(server.gql, neighbour.token, questionId, 'I think so.');
    expect(fromNeighbour.byMerchant).toBe(false);
    const fromShop = await server.gql(
      ANSWER,
      { input: { questionId, body: 'Yes, from our 30 cows.' } },
      shopOwner.token,
    );
    expect(fromShop.data.answerQuestion).toEqual({
      answer: {
        id: expect.any(String),
        body: 'Yes, from our 30 cows.',
        byMerchant: true,
        author: { id: shopOwner.id },
        score: 0,
        createdAt: expect.any(String),
      },
      userErrors: [],
    });

    const first = (await firstEvent).value as { id: string };
    const second = (await iterator.next()).value as { id: string };
    await iterator.return?.();
    const stored = await notificationsOf(asker);
    expect([first.id, second.id]).toEqual(stored.map((n) => n.id));
    expect(stored.map(({ id: _id, ...rest }) => rest)).toEqual([
      {
        recipient_id: dbId(asker.id),
        actor_id: dbId(neighbour.id),
        kind: 'QUESTION_ANSWERED',
        data: {
          questionId: dbId(questionId),
          answerId: dbId(fromNeighbour.id),
          productId: dbId(productId),
        },
      },
      {
        recipient_id: dbId(asker.id),
        actor_id: dbId(shopOwner.id),
        kind: 'QUESTION_ANSWERED',
        data: {
          questionId: dbId(questionId),
          answerId: dbId(fromShop.data.answerQuestion.answer.id),
          productId: dbId(productId),
        },
      },
    ]);

    const page = await server.gql(QUESTIONS, { id: productId });
    expect(page.data.product.questions).toEqual({
      totalCount: 1,
      nodes: [
        {
          body: 'Is the milk from your own cows?',
          answerCount: 2,
          answers: [
            { body: 'Yes, from our 30 cows.', byMerchant: true },
            { body: 'I think so.', byMerchant: false },
          ],
        },
      ],
    });
  });

  it('does not notify people who answer their own question', async () => {
    const before = (await notificationsOf(neighbour)).length;
    const question = await askQuestion(server.gql, neighbour.token, productId, 'Does it keep for a month?');
    await answerQuestion(server.gql, neighbour.token, question.id, 'Found out: it does.');
    expect(await notificationsOf(neighbour)).toHaveLength(before);
  });

  it('refuses empty or over-long questions and answers, and unknown products and questions', async () => {
    const unknownProduct = Buffer.from('Product:00000000-0000-4000-8000-000000000000').toString('base64url');
    const errors = async (query: string, input: Record<string, unknown>, field: string) =>
      (await server.gql(query, { input }, asker.token)).data[field].userErrors.map((e: any) => [
        e.field.join('.'),
        e.code,
      ]);
    expect(await errors(ASK, { productId, body: 'ok' }, 'askQuestion')).toEqual([
      ['input.body', 'TOO_SHORT'],
    ]);
    expect(await errors(ASK, { productId, body: 'x'.repeat(1001) }, 'askQuestion')).toEqual([
      ['input.body', 'TOO_LONG'],
    ]);
    expect(await errors(ASK, { productId: unknownProduct, body: 'Is it fresh?' }, 'askQuestion')).toEqual([
      ['input.productId', 'NOT_FOUND'],
    ]);
    const question = await askQuestion(server.gql, asker.token, productId);
    expect(await errors(ANSWER, { questionId: question.id, body: '' }, 'answerQuestion')).toEqual([
      ['input.body', 'TOO_SHORT'],
    ]);
    expect(await errors(ANSWER, { questionId: productId, body: 'Yes' }, 'answerQuestion')).toEqual([
      ['input.questionId', 'NOT_FOUND'],
    ]);
    const anonymous = await server.gql(ASK, { input: { productId, body: 'Anyone there?' } });
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('counts one vote per person on an answer, changeable and withdrawable, never on one’s own', async () => {
    const question = await askQuestion(server.gql, asker.token, productId, 'Which cellar?');
    const answer = await answerQuestion(server.gql, neighbour.token, question.id, 'The old one.');
    const vote = (user: TestUser, value: string) =>
      server.gql(VOTE, { input: { answerId: answer.id, vote: value } }, user.token);
    expect((await vote(asker, 'UP')).data.voteOnAnswer).toEqual({
      answer: { score: 1, viewerVote: 'UP' },
      userErrors: [],
    });
    expect((await vote(asker, 'UP')).data.voteOnAnswer.answer.score).toBe(1);
    expect((await vote(shopOwner, 'DOWN')).data.voteOnAnswer.answer).toEqual({
      score: 0,
      viewerVote: 'DOWN',
    });
    expect((await vote(asker, 'DOWN')).data.voteOnAnswer.answer.score).toBe(-2);
    expect((await vote(asker, 'NONE')).data.voteOnAnswer.answer).toEqual({ score: -1, viewerVote: 'NONE' });
    expect((await vote(neighbour, 'UP')).data.voteOnAnswer).toEqual({
      answer: null,
      userErrors: [
        {
          field: ['input', 'answerId'],
          code: 'SELF_REFERENCE',
          message: 'You cannot vote on your own answer.',
        },
      ],
    });
  });
});

const ASK = `mutation($input: AskQuestionInput!) {
  askQuestion(input: $input) {
    question { id body author { id } product { id } answers { id } answerCount }
    userErrors { field message code }
  }
}`;
const ANSWER = `mutation($input: AnswerQuestionInput!) {
  answerQuestion(input: $input) { answer { id body byMerchant author { id } score createdAt } userErrors { field message code } }
}`;
const VOTE = `mutation($input: VoteOnAnswerInput!) {
  voteOnAnswer(input: $input) { answer { score viewerVote } userErrors { field message code } }
}`;
const QUESTIONS = `query($id: ID!) {
  product(id: $id) { questions(first: 5) { totalCount nodes { body answerCount answers { body byMerchant } } } }
}`;
